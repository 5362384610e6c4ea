from asean_sec.cli.app import main

main()

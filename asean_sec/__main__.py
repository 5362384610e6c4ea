from asean_sec.cli import main

main()

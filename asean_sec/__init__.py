"""asean-sec: a sourced, offline reference for ASEAN security cooperation."""

__version__ = "0.1.0"

# The code is MIT-licensed (setup.cfg); the curated data (data/*.yaml: the selection, structure and
# wording of the records) is offered under this licence. Each cited source keeps its own terms.
DATA_LICENSE = "CC BY 4.0"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _guard_start() -> None:
    """When this import is the program starting (the `asean-sec` console script, or `python -m
    asean_sec` while its module is located), Ctrl-C from here until cli/app.py main() takes over
    ends the run at once and quietly (exit 130), and the garbage collector is off (a run allocates
    little and makes no garbage worth a collection). Here, in the first module of the package to
    run, so that no import of ours comes before it. Any other import keeps Python's defaults."""
    import sys

    started = sys.argv[0] if sys.argv else ""
    if started != "-m" and not started.replace("\\", "/").rsplit("/", 1)[-1].startswith("asean-sec"):
        return
    import gc
    import os

    try:
        import _signal as signal  # type: ignore[import-not-found]  # as cli/app.py: no enums made
    except ImportError:  # pragma: no cover - a Python without it
        import signal

    gc.disable()
    try:
        signal.signal(signal.SIGINT, lambda signum, frame: os._exit(128 + signum))
    except ValueError:  # pragma: no cover - not the main thread
        pass


_guard_start()

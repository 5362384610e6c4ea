"""asean-sec: a sourced, offline reference for ASEAN security cooperation."""

__version__ = "0.1.0"

# The code is MIT-licensed (setup.cfg); the curated data (data/*.yaml: the selection, structure and
# wording of the records) is offered under this licence. Each cited source keeps its own terms.
DATA_LICENSE = "CC BY 4.0"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

try:  # the signal module's C half, for the handlers of every run: `import signal` wraps the same calls
    import _signal as signals  # type: ignore[import-not-found]  # and makes enums of every constant (0.5 ms)
except ImportError:  # pragma: no cover - a Python without it
    import signal as signals


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

    gc.disable()
    try:
        signals.signal(signals.SIGINT, lambda signum, frame: os._exit(128 + signum))
    except ValueError:  # pragma: no cover - not the main thread
        pass


_guard_start()

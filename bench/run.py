"""Whole-process timings of asean-sec against the floor of `python -c "import click"`.

Every question is a fresh process, so this measures wall time of complete runs: repeated,
interleaved (each round runs every command once, in a shuffled order), reported as medians
and as ratios to the `import click` baseline measured in the same run.

    python bench/run.py                       # 15 rounds
    python bench/run.py --rounds 25 --cold-rounds 7
    python bench/run.py --against ../before   # also another checkout's answers, in the same rounds

With --against, the answers of another checkout of asean-sec (its code and its own shipped data, with a
cache of its own) are timed in the same interleaved rounds and shown beside these, against the same
`import click`: a before-and-after comparison that the machine's drift over an afternoon cannot skew.

Run it with an interpreter whose environment has the dependencies but not an editable install of
asean-sec (it puts this checkout first on PYTHONPATH itself): an editable install's import hook
loads pathlib into every process, `import click` included, and so hides what start-up costs a
regular install.

It builds a synthetic data set 100 times the shipped one (every meeting copied 100 times) in a
temporary directory, with the copies held in synthetic countries so that each query's answer is
the same at 1x and 100x, and uses a private cache directory, never your own.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

AS_OF = ["--as-of", "2026-11-23"]

# One row per answer, measured on the shipped data: the command after `asean-sec`, and its target
# as a ratio to `python -c "import click"` (None: shown without a target). Add a command here.
ANSWERS = {
    "chair next --format json": 1.15,
    "meetings --led-by vn --format json": 1.15,
    "chair next --format table --color always": 1.8,
    "meetings --led-by vn --format table --color always": 1.8,
    "brief AMMTC": 1.4,
    "country vn": 1.4,
    "person 'Luong Tam Quang'": 1.4,
    "timeline --mechanism AMMTC --since 2020": None,
    "search scam --format json": 1.5,
    "rotation --format json": None,
    "upcoming --format json": None,
}
# Answers also asked of the 100x data: warm (cache in place) within LARGE_WARM of the same
# answer at 1x; cold (one meeting edited before each run) and validate under SECONDS.
LARGE = ["chair next --format json", "meetings --led-by vn --format json"]
LARGE_WARM = 1.3
SECONDS = 0.5
VALIDATE = "validate (shipped data, no cache)"
AGAINST = "against: "  # the other checkout's answers (--against), named after these


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


# The command as pip installs it (the console script setup.cfg names): `python -m asean_sec` would
# also import runpy and importlib.util, about a millisecond that the installed command never pays.
# main() writes it into the benchmark's directory, named as the command is (the name is how a run
# knows it is the program starting: asean_sec/__init__.py).
LAUNCHER = """import re
import sys
from asean_sec.cli import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""


def asean(launcher: Path, data_dir: Path | None, *args: str) -> list[str]:
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return python(str(launcher), *extra, *AS_OF, *args)


def build_large_data(shipped: Path, target: Path, factor: int = 100) -> int:
    """Copy the shipped data, multiplying the meetings `factor` times with fresh ids."""
    import yaml

    shutil.copytree(shipped, target)
    meetings = yaml.safe_load((shipped / "meetings.yaml").read_text(encoding="utf-8"))["meetings"]
    grown = []
    for copy in range(factor):
        for meeting in meetings:
            clone = dict(meeting)
            if copy:
                clone["id"] = f"{meeting['id']}-x{copy}"
                clone["mechanism"] = "bench-series"
                clone["ordinal"] = str(len(grown) + 1)
                clone.pop("parent", None)
                clone.pop("outcomes", None)  # a document is adopted at one meeting: its own, not a copy
                _move_to_synthetic_countries(clone, copy)
            grown.append(clone)
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    text = yaml.dump({"meetings": grown}, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=100)
    (target / "meetings.yaml").write_text(text, encoding="utf-8")
    mechanisms = (target / "mechanisms.yaml").read_text(encoding="utf-8")
    mechanisms = mechanisms.replace("mechanisms:\n", "mechanisms:\n- id: bench-series\n  acronym: BENCH\n"
                                    "  name: Synthetic series for the benchmark\n  kind: other\n"
                                    "  chair_rule: other\n  note: 'Ordinal gaps: synthetic.'\n"
                                    "  sources: [phnompenhpost-2023-08-ammtc17-plus3]\n", 1)
    (target / "mechanisms.yaml").write_text(mechanisms, encoding="utf-8")
    countries = (target / "countries.yaml").read_text(encoding="utf-8")
    (target / "countries.yaml").write_text(countries.replace("countries:\n", "countries:\n" +
                                                             _synthetic_countries_yaml(), 1), encoding="utf-8")
    return len(grown)


SYNTHETIC_COUNTRIES = 20


def _move_to_synthetic_countries(meeting: dict, copy: int) -> None:
    """Clones sit in synthetic countries, so a query's answer is the same at 1x and 100x and the
    timing shows what the larger data costs, not a larger answer."""
    country = f"zz{copy % SYNTHETIC_COUNTRIES}"
    if meeting.get("host"):
        meeting["host"] = country
    for seat_field in ("chair",):
        if meeting.get(seat_field):
            meeting[seat_field] = {**meeting[seat_field], "country": country}
    for list_field in ("co_chairs", "participants"):
        if meeting.get(list_field):
            meeting[list_field] = [{**seat, "country": country} for seat in meeting[list_field]]


def _synthetic_countries_yaml() -> str:
    return "".join(f"- id: zz{n}\n  name: Synthetic country {n}\n  sources: [phnompenhpost-2023-08-ammtc17-plus3]\n"
                   for n in range(SYNTHETIC_COUNTRIES))


def touch_content(data_dir: Path, counter: int) -> None:
    """A curator's edit: one meeting in the middle of meetings.yaml gets a new city, and dataset.yaml
    a new comment on its last line; so both files (and the cache key) change, one record of 32,500."""
    meetings = data_dir / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    marker = "- id: ammtc-17-x50\n"
    head, tail = text.split(marker, 1)
    city, rest = tail.split("  city: ", 1)[1].split("\n", 1)
    city = city.split(" (bench edit")[0]
    meetings.write_text(f"{head}{marker}{tail.split('  city: ', 1)[0]}  city: {city} (bench edit {counter})\n{rest}",
                        encoding="utf-8")
    dataset = data_dir / "dataset.yaml"
    kept = dataset.read_text(encoding="utf-8").rstrip("\n").split("\n# bench edit")[0]
    dataset.write_text(f"{kept}\n# bench edit {counter}\n", encoding="utf-8")


def run_once(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cold-rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="another checkout whose answers are timed in the same rounds (e.g. the last release)")
    arguments = parser.parse_args()

    from asean_sec.loading.load import shipped_data_dir

    shipped = shipped_data_dir()
    work = Path(tempfile.mkdtemp(prefix="asean-sec-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ASEAN_SEC_DATA")}
    env["ASEAN_SEC_CACHE_DIR"] = str(work / "cache")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run(python("-m", "compileall", "-q", str(REPO / "asean_sec")), env=env, check=True,
                   stdout=subprocess.DEVNULL)
    launcher = work / "bin" / "asean-sec"
    launcher.parent.mkdir()
    launcher.write_text(LAUNCHER, encoding="utf-8")
    large = work / "large"
    count = build_large_data(shipped, large)
    files = ", ".join(repr(str(p)) for p in sorted(shipped.glob("*.yaml")))

    commands = {
        "import click": python("-c", "import click"),
        "import yaml, click; yaml.safe_load(data)": python(
            "-c", f"import yaml, click\nfor f in [{files}]:\n    yaml.safe_load(open(f, encoding='utf-8'))"),
        **{name: asean(launcher, None, *shlex.split(name)) for name in ANSWERS},
        VALIDATE: asean(launcher, None, "validate"),
        **{f"100x: {name} (warm)": asean(launcher, large, *shlex.split(name)) for name in LARGE},
    }
    validate_env = {**env, "ASEAN_SEC_NO_CACHE": "1"}
    envs = {name: validate_env if name == VALIDATE else env for name in commands}
    against: dict[str, str] = {}
    if arguments.against:
        other = arguments.against.resolve()
        other_env = {**env, "ASEAN_SEC_CACHE_DIR": str(work / "cache-against"), "PYTHONPATH": str(other)}
        subprocess.run(python("-m", "compileall", "-q", str(other / "asean_sec")), env=other_env, check=True,
                       stdout=subprocess.DEVNULL)
        for name in ANSWERS:  # its own shipped data: the launcher imports asean_sec from PYTHONPATH
            against[name] = f"{AGAINST}{name}"
            commands[against[name]], envs[against[name]] = asean(launcher, None, *shlex.split(name)), other_env
    for name, command in commands.items():  # warm every cache once
        run_once(command, envs[name])
    times = {name: [] for name in commands}
    for _ in range(arguments.rounds):
        order = list(commands)
        random.shuffle(order)
        for name in order:
            times[name].append(run_once(commands[name], envs[name]))

    for name in LARGE:
        times[f"100x: {name} (cold, after an edit)"] = cold = []
        for counter in range(arguments.cold_rounds):
            touch_content(large, hash((name, counter)))
            cold.append(run_once(asean(launcher, large, *shlex.split(name)), env))
    shutil.rmtree(work, ignore_errors=True)

    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians["import click"]
    print(f"asean-sec benchmark: {arguments.rounds} interleaved rounds, medians; 100x data = {count:,} meetings")
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; spread = 25th-75th percentile, "
          f"as a ratio to import click\n")
    if against:
        print(f"against: {arguments.against} (its answers in the same rounds, as ratios to the same import click)\n")
    print(f"{'command':<64} {'median':>9} {'x click':>8} {'spread':>13}  target"
          + ("                        against" if against else ""))
    for name, value in medians.items():
        if name.startswith(AGAINST):
            continue
        other = f"  {medians[against[name]] / floor:>7.2f}x" if name in against else ""
        print(f"{name:<64} {value * 1000:>7.1f}ms {value / floor:>7.2f}x "
              f"{_spread(times[name], floor):>13}  {_target(name, medians):<30}{other}")


def _target(name: str, medians: dict) -> str:
    value = medians[name]
    if name in ANSWERS and ANSWERS[name] is not None:
        return _verdict(value / medians["import click"], ANSWERS[name], "x")
    if name.startswith("100x") and name.endswith("(warm)"):
        at_1x = medians[name.removeprefix("100x: ").removesuffix(" (warm)")]
        return _verdict(value / at_1x, LARGE_WARM, "x of 1x")
    if name == VALIDATE or name.endswith("after an edit)"):
        return _verdict(value, SECONDS, " s")
    return ""


def _verdict(value: float, limit: float, unit: str) -> str:
    return f"{value:.2f}{unit} <= {limit:g}{unit}  {'ok' if value <= limit else 'MISSED'}"


def _spread(values: list[float], floor: float) -> str:
    """The 25th-75th percentile range as ratios to `floor`: how noisy the machine was."""
    if len(values) < 4:
        low, high = min(values), max(values)
    else:
        low, _, high = statistics.quantiles(values, n=4)
    return f"{low / floor:.2f}-{high / floor:.2f}x"


if __name__ == "__main__":
    main()

"""The benchmark's synthetic data (every meeting copied into synthetic countries) is valid data:
a benchmark of answers that fail would time error messages."""

import importlib.util
import json
import os
import subprocess
from pathlib import Path

from asean_sec.loading.load import shipped_data_dir

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_the_synthetic_data_validates(run, tmp_path):
    bench = _bench_module()
    target = tmp_path / "large"
    count = bench.build_large_data(shipped_data_dir(), target, factor=3)
    result = run("validate", str(target))
    assert result.exit_code == 0, result.output
    assert f"{count} meetings" in result.output


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_the_benchmark_runs_the_command_as_installed(tmp_path):
    """The benchmark times the console script pip writes (not `python -m`), and it answers."""
    bench = _bench_module()
    launcher = tmp_path / "asean-sec"
    launcher.write_text(bench.LAUNCHER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent.parent)}
    command = bench.asean(launcher, None, "chair", "next", "--format", "json")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["year"]


def test_the_file_size_limit_leaves_room_for_the_hundredfold_data():
    """bench/run.py copies every meeting 100 times (the other files stay as shipped); the loader must
    still read the files it writes."""
    from asean_sec.loading.load import MAX_FILE_BYTES

    shipped = Path(shipped_data_dir())
    assert (shipped / "meetings.yaml").stat().st_size * 110 < MAX_FILE_BYTES
    assert max(path.stat().st_size for path in shipped.glob("*.yaml")) * 10 < MAX_FILE_BYTES

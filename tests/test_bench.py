"""The benchmark's synthetic data (every meeting copied into synthetic countries) is valid data:
a benchmark of answers that fail would time error messages."""

import importlib.util
from pathlib import Path

from asean_sec.loading.load import shipped_data_dir

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_the_synthetic_data_validates(run, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    target = tmp_path / "large"
    count = bench.build_large_data(shipped_data_dir(), target, factor=3)
    result = run("validate", str(target))
    assert result.exit_code == 0, result.output
    assert f"{count} meetings" in result.output

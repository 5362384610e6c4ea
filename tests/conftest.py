import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from asean_sec.cli.app import cli

AS_OF = "2026-11-23"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_environment(cache_dir, monkeypatch):
    """A private cache, no colour variables, a dumb terminal: results depend on the data alone."""
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(cache_dir))
    for name in ("ASEAN_SEC_DATA", "NO_COLOR", "ASEAN_SEC_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the minimal data set, free to change."""
    copy = tmp_path / "data"
    shutil.copytree(MINIMAL, copy)
    return copy


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Path:
    """An empty cache directory of this test's own (and no cache warning remembered)."""
    from asean_sec.loading import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(folder))
    cache._warned.clear()
    return folder


@pytest.fixture
def run():
    """Run the CLI as a user would, pinned to a fixed day; returns click's Result."""
    runner = CliRunner()

    def invoke(*args, as_of=AS_OF, **kwargs):
        prefix = ["--as-of", as_of] if as_of else []
        return runner.invoke(cli, [*prefix, *args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def run_json(run):
    import json

    def invoke(*args, **kwargs):
        result = run(*args, "--format", "json", **kwargs)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)

    return invoke

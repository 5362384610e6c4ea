"""The `# yaml-language-server: $schema=…` line of each data file names a schema that exists
beside it, in the repository, in the installed package and in a copy of the data directory;
`validate` checks against those same files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from asean_sec.loading import cache, schema
from asean_sec.loading.load import shipped_data_dir

LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _named_schema(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = LINE.match(first)
    assert found, (path, first)
    assert not found.group(1).startswith(("/", "http")), "a relative path resolves in every copy"
    return (path.parent / found.group(1)).resolve()


def test_each_data_file_names_a_schema_beside_it():
    data = shipped_data_dir()
    files = sorted(data.glob("*.yaml"))
    assert len(files) == 8
    for path in files:
        named = _named_schema(path)
        assert named.is_file(), path
        assert named.name == f"{path.stem}.schema.json"
        assert named.samefile(cache.schema_dir() / named.name), "validate reads the same file"
        assert json.loads(named.read_text(encoding="utf-8")) == schema.load_schema(path.stem)


def test_schema_lines_resolve_in_a_copy_of_the_data(tmp_path, run):
    copy = tmp_path / "my-data"
    shutil.copytree(shipped_data_dir(), copy)
    for path in copy.glob("*.yaml"):
        named = _named_schema(path)
        assert named.is_file() and copy in named.parents, path
    assert run("validate", str(copy)).exit_code == 0


def test_schemas_are_package_data():
    setup = (Path(__file__).resolve().parent.parent / "setup.cfg").read_text(encoding="utf-8")
    assert re.search(r"^asean_sec\.data = .*schemas/\*\.json", setup, re.M)

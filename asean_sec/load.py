"""Finding, reading and caching the data: YAML files in, a checked Dataset out.

Cold path: strict YAML -> JSON Schema -> records -> cross-record checks -> cache.
Warm path: the cache, keyed by the bytes of every data file, read back without YAML.
Nothing here prints or exits: problems travel in a DataError.
"""

from __future__ import annotations

import os
from pathlib import Path

from asean_sec import __version__, cache
from asean_sec.dataset import Dataset
from asean_sec.problems import DataError, Problem

ENV_DATA = "ASEAN_SEC_DATA"

# file name -> (schema name, the sections it holds)
FILES = {
    "dataset.yaml": ("dataset", None),
    "sources.yaml": ("sources", ("sources",)),
    "countries.yaml": ("countries", ("countries",)),
    "mechanisms.yaml": ("mechanisms", ("mechanisms", "asean_chair")),
    "meetings.yaml": ("meetings", ("meetings",)),
    "people.yaml": ("people", ("people", "offices")),
    "documents.yaml": ("documents", ("documents",)),
    "roles.yaml": ("roles", ("crimes", "roles")),
}


def shipped_data_dir() -> Path:
    """The copy inside the installed package, or the repository's data/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if (packaged / "dataset.yaml").is_file() else here.parent / "data"


def find_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then $ASEAN_SEC_DATA, then the shipped copy."""
    chosen = explicit or os.environ.get(ENV_DATA) or None
    return Path(chosen) if chosen else shipped_data_dir()


def read_files(data_dir: Path) -> dict[str, bytes]:
    """The bytes of every data file; a missing or unreadable one is a DataError."""
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), None, "data directory not found",
                                 f"pass an existing directory with --data-dir or ${ENV_DATA}")])
    contents, problems = {}, []
    for name in FILES:
        path = data_dir / name
        try:
            contents[name] = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(str(path), None, "data file missing",
                                    f"every data directory needs {', '.join(FILES)}"))
        except OSError as err:
            problems.append(Problem(str(path), None, f"cannot read file: {err.strerror}",
                                    "check the file's permissions"))
    if problems:
        raise DataError(problems)
    return contents


def load(data_dir: str | os.PathLike | None = None, use_cache: bool = True) -> Dataset:
    """The checked dataset from `data_dir` (see find_data_dir); raises DataError."""
    directory = find_data_dir(data_dir)
    contents = read_files(directory)
    key = cache.key_for(__version__, contents)
    if use_cache:
        sections = cache.read(key)
        if sections is not None:
            return Dataset(sections, directory)
    dataset, problems = parse(directory, contents)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise DataError(errors)
    if use_cache:
        cache.write(key, dataset.raw)
    return dataset


def parse(directory: Path, contents: dict[str, bytes]) -> tuple[Dataset | None, list[Problem]]:
    """Parse and check every file; returns the dataset (None if unusable) and all problems."""
    from asean_sec import schema, validate, yamlio

    documents, problems = {}, []
    for name, (schema_name, _) in FILES.items():
        label = str(directory / name)
        document, found = yamlio.read_yaml(label, contents[name])
        problems += found
        if document is None:
            continue
        if not isinstance(document.value, dict):
            problems.append(Problem(label, 1, f"top level is a {type(document.value).__name__}, not a mapping",
                                    f"start the file with the keys of {name}"))
            continue
        structural = schema.check(document, schema_name)
        problems += structural
        if not structural:
            documents[name] = document
    if len(documents) < len(FILES):
        return None, problems
    raw = {"dataset": documents["dataset.yaml"].value}
    where = {}
    for name, (_, sections) in FILES.items():
        for section in sections or ():
            raw[section] = documents[name].value.get(section) or []
            where[section] = documents[name]
    dataset = Dataset(raw, directory)
    problems += validate.check(dataset, where)
    return dataset, problems

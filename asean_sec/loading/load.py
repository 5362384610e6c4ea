"""Finding, reading and caching the data: YAML files in, a checked Dataset out.

Cold path: strict YAML -> JSON Schema -> records -> cross-record checks -> cache.
Warm path: the cache, keyed by the bytes of every data file (their digests remembered by
file stat, see cache.py), read back part by part without YAML.
Nothing here prints or exits: problems travel in a DataError.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from asean_sec import __version__
from asean_sec.loading import cache, stored
from asean_sec.model.dataset import Dataset
from asean_sec.problems import DataError, Problem, capped

if TYPE_CHECKING:
    from pathlib import Path

ENV_DATA = "ASEAN_SEC_DATA"
MAX_FILE_BYTES = 256_000_000  # room for 100x the shipped meetings (tests/test_bench.py checks it); the largest shipped file is about 2.4 MB

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
    return _path(_shipped_data_dir())


def find_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then $ASEAN_SEC_DATA, then the shipped copy."""
    return _path(_data_dir(explicit))


# The warm path (an answer from the cache) names the directory with a plain string: pathlib costs
# milliseconds to import. Where files are read, or named in a message, it is a Path.

def _path(directory: str | os.PathLike) -> Path:
    from pathlib import Path

    return Path(directory)


def _shipped_data_dir() -> str:
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the asean_sec package
    packaged = os.path.join(here, "data")
    return packaged if os.path.isfile(os.path.join(packaged, "dataset.yaml")) else os.path.join(
        os.path.dirname(here), "data")


def _data_dir(explicit: str | os.PathLike | None) -> str | os.PathLike:
    if explicit is not None and not str(explicit).strip():
        raise DataError([Problem("--data-dir", None, "the data directory is an empty string",
                                 "give a directory path, or leave the option out to use the shipped data")])
    return explicit or os.environ.get(ENV_DATA) or _shipped_data_dir()


def read_files(data_dir: str | os.PathLike) -> dict[str, bytes]:
    """The bytes of every data file; a missing, unreadable or oversized one is a DataError."""
    data_dir = _path(data_dir)
    present = _listing(data_dir)
    if present is not None and not any(name in present for name in FILES):  # not a data directory
        raise DataError([Problem(str(data_dir), None, "holds none of the data files",
                                 f"pass the directory that holds {', '.join(FILES)}")])
    contents, problems = {}, []
    for name in FILES:
        data, problem = _read_one(data_dir / name, present or [])
        if problem:
            problems.append(problem)
        else:
            contents[name] = data
    if problems:
        raise DataError(problems)
    return contents


def _listing(data_dir: Path) -> list[str] | None:
    """The names in `data_dir`, wanted only to suggest a name for a missing file and to tell a
    directory with no data file at all: None for a directory that can be entered but not listed
    (mode 111), which still works. One clear problem when it is not a directory that can be entered."""
    try:
        return os.listdir(data_dir)
    except FileNotFoundError:
        message = "data directory not found"
        fix = f"pass an existing directory with --data-dir or ${ENV_DATA}"
    except NotADirectoryError:
        message, fix = "is not a directory", f"pass the directory that holds {', '.join(FILES)}"
    except PermissionError as err:
        if os.access(data_dir, os.X_OK):
            return None
        message, fix = f"cannot read the data directory: {err.strerror}", "check the directory's permissions"
    except (OSError, ValueError) as err:
        message = f"cannot read the data directory: {getattr(err, 'strerror', None) or err}"
        fix = "check the directory's permissions"
    raise DataError([Problem(str(data_dir), None, message, fix)])


def _read_one(path: Path, present: list[str]) -> tuple[bytes, Problem | None]:
    from asean_sec.loading import files

    try:
        data, _ = files.read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return b"", Problem(str(path), None, "data file missing", _missing_fix(path.name, present))
    except files.NotRegular as err:
        return b"", Problem(str(path), None, f"is {err.kind}, not a data file",
                            f"put the {path.name} file here in its place (a regular file)")
    except (OSError, ValueError) as err:
        return b"", Problem(str(path), None, f"cannot read file: {getattr(err, 'strerror', None) or err}",
                            "check the file's permissions")
    if len(data) > MAX_FILE_BYTES:
        return b"", Problem(str(path), None, f"file is over the {MAX_FILE_BYTES:,}-byte limit",
                            "remove what does not belong: data files are hand-curated text")
    return data, None


def _missing_fix(name: str, present: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, [p for p in present if p not in FILES], n=1, cutoff=0.75)
    if close:
        return f"rename {close[0]!r} to {name!r}"
    return f"every data directory needs {', '.join(FILES)}"


def load(data_dir: str | os.PathLike | None = None, use_cache: bool = True) -> Dataset:
    """The checked dataset from `data_dir` (see find_data_dir); raises DataError."""
    directory = _data_dir(data_dir)
    if not use_cache:
        return _parse_checked(directory, read_files(directory), reuse=False)
    stats = cache.stat_files(directory, FILES)
    digests = cache.remembered_digests(directory, stats) if stats else None
    contents = previous = None
    if digests is None:
        previous = cache.last_digests(directory)  # what the directory's last entry was built from
        contents = read_files(directory)
        digests = cache.digests_of(contents)
        if stats and stats == cache.stat_files(directory, FILES):
            cache.remember(directory, stats, digests)
    key = cache.key_from_digests(__version__, digests)

    def rebuild() -> dict:
        """Everything the entry holds, from the data files again (the entry failed a check)."""
        dataset = _parse_checked(directory, read_files(directory), reuse=True, store=True)
        sections, collections = stored.layout(dataset)
        return {**dataset.raw, **sections, **collections}

    dataset = _from_entry(key, directory, rebuild)
    if dataset is not None:
        return dataset
    if contents is None:  # the remembered digests name no entry: read now, the key is the content read
        contents = read_files(directory)
        found = cache.digests_of(contents)
        if found != digests:  # the memo was wrong about these files: put right, or it misleads every run
            if stats and stats == cache.stat_files(directory, FILES):
                cache.remember(directory, stats, found)
            digests, key = found, cache.key_from_digests(__version__, found)
            dataset = _from_entry(key, directory, rebuild)
            if dataset is not None:
                return dataset
    elif previous is not None:
        from asean_sec.loading import edits

        if edits.apply(directory, contents, digests, previous, key):  # a few records edited
            dataset = _from_entry(key, directory, rebuild)
            if dataset is not None:
                return dataset
    return _parse_checked(directory, contents, reuse=True, store=True, digests=digests)


def _from_entry(key: str, directory, rebuild) -> Dataset | None:
    """The dataset the cache entry `key` holds, read part by part; None when there is none."""
    sections = cache.read(key, stored.DERIVED, rebuild)
    return None if sections is None else Dataset(sections, directory, stored.Parts(sections, cache.Memos(key)))


def _parse_checked(directory: str | os.PathLike, contents: dict[str, bytes], reuse: bool, store: bool = False,
                   digests: dict[str, tuple[int, bytes]] | None = None) -> Dataset:
    """The dataset parsed from `contents` (whose digests are `digests`, when known); stored in the
    cache under their key if `store`."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # parsing builds many objects and no cycles: collections would only cost time
    try:
        dataset, problems, documents = _parse(directory, contents, reuse=reuse)
        count = getattr(documents.get("meetings.yaml"), "count", None)  # values in meetings.yaml
        del documents  # no second reference to the records while they are marshalled: the same bytes every time
        errors = [p for p in problems if not p.warning]
        if errors or dataset is None:
            raise DataError(errors)
        if store:
            digests = digests or cache.digests_of(contents)
            key = cache.key_from_digests(__version__, digests)
            if cache.write(key, *stored.layout(dataset)):
                from asean_sec.loading import edits

                edits.remember(key, contents["meetings.yaml"], digests["meetings.yaml"][1], count,
                               dataset.raw["meetings"])
        return dataset
    finally:
        if collecting:
            gc.enable()


def parse(directory: str | os.PathLike, contents: dict[str, bytes], reuse: bool = True) -> tuple[Dataset | None, list[Problem]]:
    """Parse and check every file; returns the dataset (None if unusable) and all problems.

    With `reuse`, records that an earlier run read from the same text are taken from the cache
    (see parts.py), so an edit costs the parsing of what changed.

    Cross-record checks run even when some records break their schema, on the records that
    do not, so one run lists every problem; the ids of the broken records still count as known.
    """
    dataset, problems, _ = _parse(directory, contents, reuse)
    return dataset, problems


def _parse(directory: str | os.PathLike, contents: dict[str, bytes], reuse: bool):
    """parse(), and the Document each file was read into."""
    from asean_sec.loading import validate

    documents: dict = {}
    broken: dict[str, set] = {}
    problems: list = []
    labels = {name: str(_path(directory) / name) for name in FILES}
    ahead = _read_ahead(labels, contents) if reuse else {}
    for name, (schema_name, _) in FILES.items():
        label = labels[name]
        document = _read_by_records(label, contents[name], schema_name, *ahead[name]) if reuse else None
        if document is not None:
            documents[name], broken[name] = document, set()
            continue
        document, found, places = _read_document(label, contents[name], name, schema_name)
        problems += found
        if document is not None:
            documents[name], broken[name] = document, places
    raw, where, unsure, known = _sound_parts(documents, broken)
    dataset = Dataset(raw, directory)
    checked = validate.check(dataset, where, unsure=unsure, known=known)
    if problems:  # with records missing, warnings (gaps, doubts) would mislead: keep the errors
        return None, problems + [p for p in checked if not p.warning], documents
    return dataset, checked, documents


def _read_ahead(labels: dict[str, str], contents: dict[str, bytes]) -> dict:
    """{file name: (its store of records read on earlier runs, its sections)}, the records no earlier
    run read parsed into the stores (on two cores where there are two: parts.read_ahead)."""
    from asean_sec.loading import parts

    stores = {name: parts.Store(schema_name) for name, (schema_name, _) in FILES.items()}
    sections = parts.read_ahead([(labels[name], contents[name], FILES[name][0], stores[name]) for name in FILES])
    return {name: (stores[name], found) for name, found in zip(FILES, sections)}


def _read_by_records(label: str, raw: bytes, schema_name: str, store=None, sections=None):
    """The document read through the per-record cache (`store`, or the file's own), or None when it
    must be read whole; `sections` as parts.read takes them."""
    from asean_sec.loading import parts

    store = store or parts.Store(schema_name)
    document = parts.read(label, raw, schema_name, store, sections)
    if document is not None:
        store.save()
    return document


def _read_document(label: str, raw: bytes, name: str, schema_name: str):
    """The document, its problems, and the (section, index) places its schema errors are in."""
    from asean_sec.loading import schema, yamlio

    document, problems = yamlio.read_yaml(label, raw)
    if document is None:
        return None, capped(problems), set()
    if not isinstance(document.value, dict):
        return None, [Problem(label, 1, f"top level is {schema.describe(document.value)}, not a mapping",
                              f"start the file with the keys of {name}, as in the shipped copy")], set()
    problems, places = schema.examine(document, schema_name)
    return document, capped(problems), places


def _sound_parts(documents: dict, broken: dict):
    """Sections without the records that broke their schema, each with a Document whose line map
    follows the kept records; the sections that could not be read; the ids of dropped records."""
    unsure, known, where = set(), {}, {}
    dataset_document = documents.get("dataset.yaml")
    raw: dict[str, object]
    if dataset_document is None or broken["dataset.yaml"]:
        raw, unsure = {"dataset": {}}, {"dataset"}
    else:
        raw, where["dataset"] = {"dataset": dataset_document.value}, dataset_document
    for name, (_, sections) in FILES.items():
        document = documents.get(name)
        for section in sections or ():
            records = document.value.get(section) if document is not None else None
            if not isinstance(records, list):
                raw[section] = []
                unsure.add(section)
                continue
            keep = [i for i in range(len(records)) if (section, i) not in broken[name]]
            raw[section] = [records[i] for i in keep]
            dropped = set(range(len(records))).difference(keep)
            known[section] = {records[i].get("id") for i in dropped if isinstance(records[i], dict)}
            where[section] = document if len(keep) == len(records) else _renumbered(document, section, keep)
    return raw, where, unsure, known


def _renumbered(document, section: str, keep: list[int]):
    """A copy of `document` whose lines for `section` follow the kept records' new positions."""
    from asean_sec.loading.yamlio import Document

    position = {old: new for new, old in enumerate(keep)}
    lines = {}
    for path, line in document.lines.items():
        if len(path) >= 2 and path[0] == section:
            if path[1] in position:
                lines[(section, position[path[1]], *path[2:])] = line
        else:
            lines[path] = line
    return Document(document.file, document.value, lines)

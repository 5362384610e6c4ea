"""Reading a file record by record gives exactly what reading it whole gives, or steps aside."""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asean_sec.loading import load, parts, schema, yamlio
from asean_sec.loading.load import shipped_data_dir

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = shipped_data_dir()
ALL_FILES = sorted(SHIPPED.glob("*.yaml")) + sorted(FIXTURES.glob("*/*/*.yaml")) + sorted(
    FIXTURES.glob("minimal/*.yaml"))


def schema_of(path: Path) -> str:
    return load.FILES[path.name][0]


def read_by_records(path: Path, raw: bytes | None = None):
    store = parts.Store(schema_of(path))
    document = parts.read(str(path), path.read_bytes() if raw is None else raw, schema_of(path), store)
    if document is not None:
        store.save()
    return document


def assert_same_as_whole(path: Path, raw: bytes | None = None) -> bool:
    """True when read by records (and then identical to the whole reading), False when it stepped aside."""
    raw = path.read_bytes() if raw is None else raw
    by_records = read_by_records(path, raw)
    if by_records is None:
        return False
    whole, problems = yamlio.read_yaml(str(path), raw)
    assert whole is not None and not problems, problems
    assert by_records.value == whole.value
    assert by_records.lines == whole.lines
    for where in list(whole.lines)[:400] + [("meetings", 10**6), ("nothing",), ()]:
        assert by_records.line_of(where) == whole.line_of(where), where
    return True


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_reads_the_same_by_records_as_whole_first_and_second_time(path):
    first = assert_same_as_whole(path)
    assert assert_same_as_whole(path) == first  # the second time from the stored records


@pytest.mark.parametrize("name", [n for n in load.FILES if n != "dataset.yaml"])
def test_every_shipped_file_with_lists_is_read_by_records(name):
    assert read_by_records(SHIPPED / name) is not None


def test_a_broken_file_is_always_left_to_the_whole_reading():
    """So its problems are found and worded by the one reading that explains them."""
    broken = 0
    for path in sorted(FIXTURES.glob("broken/*/*.yaml")):
        whole, problems = yamlio.read_yaml(str(path), path.read_bytes())
        if whole is not None and isinstance(whole.value, dict):
            problems = list(schema._validator(schema_of(path)).iter_errors(whole.value))
        if problems:
            broken += 1
            assert read_by_records(path) is None, path
    assert broken >= 25


def test_an_edit_parses_only_the_record_it_changed(tmp_path, monkeypatch):
    path = tmp_path / "meetings.yaml"
    text = (SHIPPED / "meetings.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert read_by_records(path) is not None
    parsed = []
    original = yamlio.read_item
    monkeypatch.setattr(yamlio, "read_item", lambda slice_text: parsed.append(slice_text) or original(slice_text))
    edited = text.replace("city: Vientiane", "city: Vientiane  # edited", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    assert assert_same_as_whole(path)
    assert len(parsed) == 1 and "# edited" in parsed[0]


def test_a_quote_that_spans_a_record_boundary_falls_back_to_the_whole_reading(tmp_path):
    path = tmp_path / "countries.yaml"
    path.write_text('countries:\n- id: xx\n  name: "X\n- id: yy"\n  sources: [a]\n', encoding="utf-8")
    assert read_by_records(path) is None
    whole, _ = yamlio.read_yaml(str(path), path.read_bytes())
    assert whole.value == {"countries": [{"id": "xx", "name": "X - id: yy", "sources": ["a"]}]}


@pytest.mark.parametrize("text", [
    "countries: []\n",                       # a flow list
    "countries:\n",                          # an empty section
    "---\ncountries:\n- id: xx\n",           # a document marker
    "countries:\n- id: xx\ncountries:\n- id: yy\n",  # a duplicate key
    "countries:\n- id: xx\nname: stray\n",   # a stray top-level value
    "- id: xx\n",                            # a top-level list
    "countries:\n  - id: xx\n - id: yy\n",   # items at two indentations
])
def test_layouts_other_than_keys_holding_block_lists_are_not_split(text):
    assert parts.split(text) is None


def test_split_keeps_comments_and_blank_lines_with_the_record_above():
    text = "# head\ncountries:\n  # about xx\n  - id: xx\n\n    # inside\n  - id: yy\n# tail\n"
    [(section, key_line, records)] = parts.split(text)
    assert (section, key_line) == ("countries", 2)
    assert records == [(4, "  - id: xx\n\n    # inside"), (7, "  - id: yy\n# tail\n")]


def test_a_corrupt_or_foreign_store_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "cache"))
    path = SHIPPED / "roles.yaml"
    assert assert_same_as_whole(path)
    store_file = tmp_path / "cache" / "parts" / "roles.marshal"
    store_file.write_bytes(store_file.read_bytes()[:-100])
    assert assert_same_as_whole(path)
    delta = tmp_path / "cache" / "parts" / "roles.delta.marshal"
    delta.write_bytes(b"not a store")
    assert assert_same_as_whole(path)


RECORD_EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from([
    "  # a comment\n", "\n", "    # deeper comment\n", "# at column 0\n"])), max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=RECORD_EDITS, indent=st.booleans())
def test_comments_blank_lines_and_indentation_never_change_what_is_read(tmp_path, edits, indent):
    lines = (SHIPPED / "roles.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    if indent:  # the other common style: list items indented under their key
        lines = [line if line[:1] in ("#", "") or not line.strip() or line.rstrip("\n").endswith(":")
                 and not line.startswith(" ") else "  " + line for line in lines]
    for position, extra in edits:
        lines.insert(position % (len(lines) + 1), extra)
    path = tmp_path / "roles.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    whole, problems = yamlio.read_yaml(str(path), path.read_bytes())
    if whole is None:
        assert read_by_records(path) is None
    else:
        assert_same_as_whole(path)


def _parse_all(directory: Path):
    contents = load.read_files(directory)
    return load.parse(directory, contents)


def _same_parse(first, second) -> None:
    (dataset_a, problems_a), (dataset_b, problems_b) = first, second
    assert [(p.file, p.line, p.message) for p in problems_a] == [(p.file, p.line, p.message) for p in problems_b]
    assert (dataset_a is None) == (dataset_b is None)
    if dataset_a is not None:
        assert dataset_a.raw == dataset_b.raw


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="reading ahead in two processes needs fork")
def test_reading_ahead_in_two_processes_gives_what_one_process_gives(tmp_path, monkeypatch):
    """A full build parses its records in a forked child and the parent; the dataset and every problem
    are the same as when one process parses them all, for the shipped data and every broken fixture."""
    import os

    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(parts, "_cores", lambda: 2)
    monkeypatch.setattr(parts, "_AHEAD_FROM", 1)
    directories = [SHIPPED]
    for broken in sorted(FIXTURES.glob("broken/*/*.yaml"))[:20]:  # the shipped data with one file broken
        directory = tmp_path / "data" / broken.parent.name / broken.name
        shutil.copytree(SHIPPED, directory)
        shutil.copy(broken, directory / broken.name)
        directories.append(directory)
    for number, directory in enumerate(directories):
        monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / f"two-{number}"))
        in_two = _parse_all(directory)
        monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / f"one-{number}"))
        with monkeypatch.context() as single:
            single.setattr(parts, "_AHEAD_FROM", 10**9)
            in_one = _parse_all(directory)
        _same_parse(in_two, in_one)
    assert forks  # the two-process way was taken


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="reading ahead in two processes needs fork")
def test_a_child_that_fails_leaves_its_half_to_the_parent(tmp_path, monkeypatch):
    import os

    parent = os.getpid()
    original = parts._parsed

    def fails_in_the_child(text, check):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return original(text, check)

    monkeypatch.setattr(parts, "_parsed", fails_in_the_child)
    monkeypatch.setattr(parts, "_cores", lambda: 2)
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "failing"))
    in_two = _parse_all(SHIPPED)
    monkeypatch.setattr(parts, "_parsed", original)
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "plain"))
    monkeypatch.setattr(parts, "_AHEAD_FROM", 10**9)
    _same_parse(in_two, _parse_all(SHIPPED))

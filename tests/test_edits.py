"""An edit to a few meetings is applied to the last cache entry: the entry it gives holds exactly what
a full build of the same files holds, and anything the shortcut does not cover is built in full."""

import marshal
import os
import shutil

import pytest

from asean_sec import __version__
from asean_sec.loading import cache, edits, load
from asean_sec.loading.load import shipped_data_dir
from asean_sec.problems import DataError


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), folder)
    return folder


@pytest.fixture
def shortcuts(monkeypatch):
    """What each edits.apply call returned (True: the entry was made from the last one)."""
    taken = []
    real = edits.apply

    def spy(*args, **kwargs):
        taken.append(real(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(edits, "apply", spy)
    return taken


def stored(folder) -> dict:
    """Everything the entry for the files in `folder` holds, unpacked."""
    key = cache.key_for(__version__, load.read_files(folder))
    reader = cache.entry_reader(key)
    assert reader is not None
    found = {("section", name): reader.value(place) for name, place in reader.sections.items()}
    for name in reader.collections:
        index = reader.index(name)
        found[("collection", name)] = {k: marshal.loads(reader.part(index.place(k))) for k in index.keys()}
    return found


def full_build(folder, tmp_path, monkeypatch) -> dict:
    """The entry a cache that never saw `folder` before builds for it."""
    own = tmp_path / f"full-{len(os.listdir(tmp_path))}"
    with monkeypatch.context() as patched:
        patched.setenv("ASEAN_SEC_CACHE_DIR", str(own))
        load.load(folder)
        return stored(folder)


def edit(folder, name, old, new, count=1):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def meeting_block(folder, meeting_id) -> str:
    text = (folder / "meetings.yaml").read_text(encoding="utf-8")
    start = text.index(f"\n- id: {meeting_id}\n") + 1
    end = text.find("\n- id: ", start + 1)
    return text[start:end + 1]


EDITS = {
    "a note": lambda f: edit(f, "meetings.yaml", "\n  note: >-\n    ", "\n  note: >-\n    Edited. ", 1),
    "a chair and a delegation": lambda f: edit(
        f, "meetings.yaml", meeting_block(f, "ammtc-17"),
        meeting_block(f, "ammtc-17").replace("  chair:\n    country: id", "  chair:\n    country: vn", 1)
        .replace("  participants:\n", "  participants:\n  - country: tl\n", 1)),
    "the host of a body with a host rule": lambda f: edit(
        f, "meetings.yaml", meeting_block(f, "asod-40"), meeting_block(f, "asod-40").replace("  host: kh", "  host: la", 1)),
    "the start of a summit (its inferred chair moves)": lambda f: edit(
        f, "meetings.yaml", meeting_block(f, "asean-summit-44"),
        meeting_block(f, "asean-summit-44").replace("  start: '2024-10-09'", "  start: '2025-10-09'", 1)),
    "comments in two files": lambda f: (
        edit(f, "meetings.yaml", "- id: ammtc-18\n", "- id: ammtc-18\n# a comment\n"),
        (f / "dataset.yaml").write_text((f / "dataset.yaml").read_text(encoding="utf-8") + "# a comment\n",
                                        encoding="utf-8")),
    "the last meeting of the file": lambda f: (f / "meetings.yaml").write_text(
        (f / "meetings.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n  # the end\n", encoding="utf-8"),
    "a value in another file": lambda f: edit(f, "countries.yaml", "name: Cambodia", "name: Kingdom of Cambodia"),
    "a source's address (what answers cite of it)": lambda f: edit(
        f, "sources.yaml", "\n  url: https://", "\n  url: http://", 1),
    "a source, a person and a document with a meeting": lambda f: (
        edit(f, "sources.yaml", "\n  title: ", "\n  title: Edited ", 1),
        edit(f, "people.yaml", "\n  name: ", "\n  name: Edited ", 1),
        edit(f, "documents.yaml", "\n  title: ", "\n  title: Edited ", 1),
        edit(f, "meetings.yaml", "\n  note: >-\n    ", "\n  note: >-\n    Edited. ", 1)),
}

FULL = {
    "an id": lambda f: edit(f, "meetings.yaml", "- id: ammtc-18\n", "- id: ammtc-18-renamed\n"),
    "a new meeting": lambda f: edit(f, "meetings.yaml", "- id: ammtc-18\n",
                                    "- id: ammtc-new\n  mechanism: ammtc\n  ordinal: '99'\n  start: '2030'\n"
                                    "  sources: [phnompenhpost-2023-08-ammtc17-plus3]\n- id: ammtc-18\n"),
    "a meeting removed": lambda f: edit(f, "meetings.yaml", meeting_block(f, "kh-vn-security-review-2024"), ""),
    "a person added": lambda f: edit(f, "people.yaml", "people:\n", "people:\n- id: someone-new\n  name: Someone New\n"
                                                                  "  sources: [phnompenhpost-2023-08-ammtc17-plus3]\n"),
    "the as-of day": lambda f: edit(f, "dataset.yaml", 'as_of: "2026-12-08"', 'as_of: "2026-12-09"'),
    "a body's name": lambda f: edit(f, "mechanisms.yaml", "name: ASEAN Regional Forum", "name: The ASEAN Regional Forum"),
    "a document moved to another meeting": lambda f: edit(
        f, "documents.yaml", "  meeting: ammtc-17\n", "  meeting: ammtc-18\n", 1),
    "a source's address broken": lambda f: edit(f, "sources.yaml", "\n  url: https://", "\n  url: https:// ", 1),
    "the outcomes of a meeting": lambda f: edit(
        f, "meetings.yaml", meeting_block(f, "ammtc-17"),
        meeting_block(f, "ammtc-17").replace("  outcomes:\n", "  outcomes:\n  - asean-charter\n", 1)),
}


@pytest.mark.parametrize("change", EDITS, ids=list(EDITS))
def test_an_edit_inside_meetings_gives_the_entry_a_full_build_gives(change, copy, fresh_cache, tmp_path,
                                                                   monkeypatch, shortcuts):
    load.load(copy)
    EDITS[change](copy)
    dataset = load.load(copy)
    assert shortcuts == [True]
    assert stored(copy) == full_build(copy, tmp_path, monkeypatch)
    assert len(dataset.meetings) == len(full_build(copy, tmp_path, monkeypatch)[("collection", "meetings_each")])
    EDITS[change](copy) if change == "a note" else None  # and again, from the entry the shortcut made
    if change == "a note":
        load.load(copy)
        assert shortcuts == [True, True]
        assert stored(copy) == full_build(copy, tmp_path, monkeypatch)


@pytest.mark.parametrize("change", FULL, ids=list(FULL))
def test_an_edit_the_shortcut_does_not_cover_is_built_in_full(change, copy, fresh_cache, tmp_path, monkeypatch,
                                                             shortcuts):
    load.load(copy)
    FULL[change](copy)
    try:
        load.load(copy)
    except DataError as err:
        with monkeypatch.context() as patched:
            patched.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "other"))
            with pytest.raises(DataError) as full:
                load.load(copy)
        assert [str(p) for p in err.problems] == [str(p) for p in full.value.problems]
    else:
        assert stored(copy) == full_build(copy, tmp_path, monkeypatch)
    assert shortcuts == [False]


@pytest.mark.parametrize("bad", [
    ("  host: kh", "  host: xx"),  # an unknown country
    ("  start: '2019-08-27'", "  start: '2019-02-30'"),  # no such day
    ("  host: kh", "  host: kh\n  host: la"),  # a key twice
    ("  host: kh", "  host: \"k\\u0007h\""),  # a control character
    ("  host: kh", "  hots: kh"),  # a field the schema does not know
])
def test_a_problem_in_an_edited_meeting_is_reported_as_a_full_build_reports_it(bad, copy, fresh_cache, tmp_path,
                                                                              monkeypatch, shortcuts):
    load.load(copy)
    block = meeting_block(copy, "asod-40")
    edit(copy, "meetings.yaml", block, block.replace(*bad, 1))
    with pytest.raises(DataError) as shortcut:
        load.load(copy)
    with monkeypatch.context() as patched:
        patched.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "other"))
        with pytest.raises(DataError) as full:
            load.load(copy)
    assert [str(p) for p in shortcut.value.problems] == [str(p) for p in full.value.problems]
    assert all(p.line for p in shortcut.value.problems)
    assert shortcuts == [False]


def test_the_copy_of_the_data_is_kept_for_the_latest_entry_only(copy, fresh_cache, shortcuts):
    load.load(copy)
    for n in range(3):
        edit(copy, "meetings.yaml", "\n  note: >-\n    ", f"\n  note: >-\n    Edit {n}. ", 1)
        load.load(copy)
    assert shortcuts == [True, True, True]
    assert len([n for n in os.listdir(fresh_cache) if n.endswith("-base.memo")]) == 1
    assert len([n for n in os.listdir(fresh_cache) if n.endswith("-layout.memo")]) == 1


def test_edits_then_a_revert_give_the_entry_a_full_build_gives(copy, fresh_cache, tmp_path, monkeypatch, shortcuts):
    """Each edit is read against the base (the file as the full build read it): two meetings edited
    one after the other, then the first put back as it was, each time give what a full build gives."""
    load.load(copy)
    first, second = meeting_block(copy, "ammtc-17"), meeting_block(copy, "asod-40")
    steps = [("ammtc-17", first, first.replace("  city: Labuan Bajo", "  city: Labuan Bajo (edited)", 1)),
             ("asod-40", second, second.replace("  host: kh", "  host: la", 1)),
             ("ammtc-17", first.replace("  city: Labuan Bajo", "  city: Labuan Bajo (edited)", 1), first)]
    for _, before, after in steps:
        edit(copy, "meetings.yaml", before, after, 1)
        load.load(copy)
        assert stored(copy) == full_build(copy, tmp_path, monkeypatch)
    assert shortcuts == [True, True, True]


def test_a_corrupt_part_carried_over_is_still_never_served(copy, fresh_cache):
    """The parts of the last entry are carried over unread; each is checked when read, as always,
    and one that fails its check is rebuilt from the files."""
    load.load(copy)
    (path,) = [fresh_cache / n for n in os.listdir(fresh_cache) if n.endswith(".entry")]
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # a byte in the middle of the parts
    path.write_bytes(bytes(blob))
    edit(copy, "meetings.yaml", "\n  note: >-\n    ", "\n  note: >-\n    Edited. ", 1)
    answered = load.load(copy).raw
    truth = load.load(copy, use_cache=False).raw
    assert {name: answered[name] for name in truth} == dict(truth)


@pytest.mark.parametrize("kernel_copy", ["refused", "absent"])
def test_the_carried_parts_are_copied_without_the_kernel_copy_too(kernel_copy, copy, fresh_cache, tmp_path,
                                                                   monkeypatch, shortcuts):
    """The old entry's parts are copied file to file by copy_file_range where the system has it; on a
    file system that refuses it (or a system without it) they are read and written instead."""
    import errno

    def refuse(*args):
        raise OSError(errno.EXDEV, "cross-device")

    if kernel_copy == "refused":
        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    else:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    load.load(copy)
    edit(copy, "meetings.yaml", "\n  note: >-\n    ", "\n  note: >-\n    Edited. ", 1)
    load.load(copy)
    assert shortcuts == [True]
    assert stored(copy) == full_build(copy, tmp_path, monkeypatch)

"""The parsed-data cache never serves stale or corrupt data, and never stops an answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asean_sec.loading import cache, stored

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
AS_OF = "2026-11-23"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("asean-sec-*.entry")) if folder.is_dir() else []


def chair_2027(run, data: Path) -> str:
    result = run("--data-dir", str(data), "chair", "2027", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["country"]


def test_twenty_processes_with_a_cold_cache_all_answer_the_same(data, fresh_cache):
    command = [sys.executable, "-m", "asean_sec", "--data-dir", str(data), "--as-of", AS_OF,
               "meetings", "--format", "json"]
    env = {**os.environ, "ASEAN_SEC_CACHE_DIR": str(fresh_cache)}
    env.pop("ASEAN_SEC_NO_CACHE", None)
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(20)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * 20, results[0][2].decode()
    assert len({out for _, out, _ in results}) == 1
    assert [m["id"] for m in json.loads(results[0][1])] == ["ammtc-17", "ammtc-18"]
    assert len(entries(fresh_cache)) == 1
    assert not [p for p in fresh_cache.iterdir() if p.name.startswith(".asean-sec-tmp-")]
    warm = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert warm.stdout == results[0][1]


def test_an_edit_that_keeps_size_and_modification_time_is_seen(run, data, fresh_cache):
    assert chair_2027(run, data) == "sg"
    assert len(entries(fresh_cache)) == 1
    path = data / "mechanisms.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("- year: 2027\n  country: sg", "- year: 2027\n  country: ph")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert chair_2027(run, data) == "ph"


def test_the_key_is_the_content_not_the_size():
    one = cache.key_for("1", {"a.yaml": b"country: sg"})
    assert one == cache.key_for("1", {"a.yaml": b"country: sg"})
    assert one != cache.key_for("1", {"a.yaml": b"country: ph"})
    assert one != cache.key_for("2", {"a.yaml": b"country: sg"})


def test_a_warm_answer_equals_a_cold_one(run, data, fresh_cache):
    cold = run("--data-dir", str(data), "export").stdout
    assert entries(fresh_cache)
    warm = run("--data-dir", str(data), "export").stdout
    assert cold == warm and json.loads(warm)["meetings"]


CORRUPTIONS = {
    "truncated": lambda blob: blob[: len(blob) // 2],
    "empty": lambda blob: b"",
    "one byte flipped": lambda blob: blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:],
    "garbage": lambda blob: os.urandom(len(blob)),
    "header only": lambda blob: blob[:41],
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(run, data, fresh_cache, corruption):
    assert chair_2027(run, data) == "sg"
    [entry] = entries(fresh_cache)
    good, whole = entry.read_bytes(), unpacked(entry)
    entry.write_bytes(CORRUPTIONS[corruption](good))
    assert chair_2027(run, data) == "sg"
    assert unpacked(entry) == whole


def test_a_cache_entry_that_is_a_directory_does_not_stop_the_answer(run, data, fresh_cache):
    assert chair_2027(run, data) == "sg"
    [entry] = entries(fresh_cache)
    entry.unlink()
    entry.mkdir()
    assert chair_2027(run, data) == "sg"


def test_a_cache_directory_under_a_regular_file_means_no_cache(run, data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(blocker / "cache"))
    assert chair_2027(run, data) == "sg"
    assert chair_2027(run, data) == "sg"
    assert blocker.read_text() == ""


def test_a_missing_cache_directory_is_created(run, data, tmp_path, monkeypatch):
    folder = tmp_path / "deep" / "er" / "cache"
    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(folder))
    assert chair_2027(run, data) == "sg"
    assert len(entries(folder)) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_directory_means_no_cache(run, data, fresh_cache):
    fresh_cache.mkdir()
    fresh_cache.chmod(0o500)
    try:
        assert chair_2027(run, data) == "sg"
        assert chair_2027(run, data) == "sg"
    finally:
        fresh_cache.chmod(0o700)
    assert entries(fresh_cache) == []


def test_no_cache_variable_writes_nothing(run, data, fresh_cache, monkeypatch):
    monkeypatch.setenv("ASEAN_SEC_NO_CACHE", "1")
    assert chair_2027(run, data) == "sg"
    assert not fresh_cache.exists()


def test_invalid_data_is_never_cached(run, data, fresh_cache):
    path = data / "mechanisms.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("country: sg", "country: xx"), encoding="utf-8")
    assert run("--data-dir", str(data), "chair", "2027").exit_code == 3
    assert entries(fresh_cache) == []


def test_the_cache_keeps_only_a_few_entries(run, data, fresh_cache):
    path = data / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(12):
        path.write_text(text.replace("A handful of records", f"A handful ({n}) of records"), encoding="utf-8")
        assert chair_2027(run, data) == "sg"
    assert 1 <= len(entries(fresh_cache)) <= 8


def unpacked(entry_path: Path) -> dict:
    """Every part of an entry, each checked against its digest and unpacked (marshal may write the
    same values as different bytes, so a rebuilt entry is compared by what it holds)."""
    import marshal

    from asean_sec.loading import entry

    reader = entry.Reader(entry_path)
    found: dict = {name: reader.value(place) for name, place in reader.sections.items()}
    for name in reader.collections:
        index = reader.index(name)
        found[name] = {key: marshal.loads(reader.part(index.place(key))) for key in index.keys()}
    return found


def parts_of(entry_path: Path) -> list[tuple[str, int, int]]:
    """(name, start, length) of every section and collection index in an entry file."""
    from asean_sec.loading import entry

    reader = entry.Reader(entry_path)
    places = {**reader.sections, **{f"{name} (index)": place for name, place in reader.collections.items()}}
    for name, place in reader.collections.items():
        stored = reader.value(place)
        pages = stored[2] if stored[0] == entry.BY_ID else stored[1]  # buckets of ids, or pages of places
        places.update({f"{name} (index page {n})": page for n, page in enumerate(pages)})
    return [(name, reader._base + offset, length) for name, (offset, length, _) in places.items()]


def test_a_corrupt_part_is_never_served_and_the_entry_is_rebuilt(run, data, fresh_cache):
    """Parts are checked when read: each one, damaged in turn, is caught and the entry rewritten."""
    questions = [("export",), ("meetings", "--led-by", "la", "--format", "json"),  # between them, every part
                 ("meetings", "--format", "json"), ("meetings", "--led-by", "la", "--format", "plain")]
    good_answers = [run("--data-dir", str(data), *question).stdout for question in questions]
    [entry_path] = entries(fresh_cache)
    good = entry_path.read_bytes()
    whole = unpacked(entry_path)
    for name, start, length in parts_of(entry_path):
        middle = start + length // 2
        damaged = good[:middle] + bytes([good[middle] ^ 0x55]) + good[middle + 1:]
        entry_path.write_bytes(damaged)
        answers = [run("--data-dir", str(data), *question).stdout for question in questions]
        assert answers == good_answers, name
        assert entry_path.read_bytes() != damaged and unpacked(entry_path) == whole, name  # rewritten whole


def test_a_corrupt_meeting_is_caught_when_that_meeting_is_read(run, data, fresh_cache):
    from asean_sec.loading import entry

    command = ("--data-dir", str(data), "meetings", "--format", "json")
    good_answer = run(*command).stdout
    [entry_path] = entries(fresh_cache)
    good, whole = entry_path.read_bytes(), unpacked(entry_path)
    reader = entry.Reader(entry_path)
    offset, length, _ = reader.index("meetings_each").place(0)
    at = reader._base + offset + length - 1
    entry_path.write_bytes(good[:at] + bytes([good[at] ^ 0x01]) + good[at + 1:])
    assert run(*command).stdout == good_answer
    assert unpacked(entry_path) == whole


def _age_memo(memo: Path, data: Path) -> None:
    """Make the memo of file digests old enough that no file counts as just changed ("racy")."""
    written, files, scheme = cache.read_file(memo)[str(data)]
    cache.write_file(memo, {str(data): (written + 10**10, files, scheme)})


def _forbid_reading(monkeypatch) -> None:
    from asean_sec.loading import load

    def no_reading(directory):
        raise AssertionError("the data files were read again")

    monkeypatch.setattr(load, "read_files", no_reading)


def test_unchanged_files_are_not_read_again(run, data, fresh_cache, monkeypatch):
    assert chair_2027(run, data) == "sg"
    memo = fresh_cache / "inputs.memo"
    assert memo.is_file()
    _age_memo(memo, data)
    _forbid_reading(monkeypatch)
    assert chair_2027(run, data) == "sg"


@pytest.mark.parametrize("memo_kind", ["digests made another way", "a memo of an older version"])
def test_a_memo_with_wrong_digests_is_put_right_once(run, data, fresh_cache, monkeypatch, memo_kind):
    """Remembered digests that are not those of the files (made by another version's hashing, or
    damaged) name no entry: the files are read and hashed, the entry found or built, and the memo
    put right, so that the next question reads nothing again (it once rebuilt on every question)."""
    from asean_sec.loading import load

    assert chair_2027(run, data) == "sg"
    memo = fresh_cache / "inputs.memo"
    written, files, scheme = cache.read_file(memo)[str(data)]
    wrong = {name: (info, bytes(32)) for name, (info, _) in files.items()}
    old = (written + 10**10, wrong, scheme) if memo_kind.startswith("digests") else (written + 10**10, files)
    cache.write_file(memo, {str(data): old})
    builds = []
    original = load._parse_checked
    monkeypatch.setattr(load, "_parse_checked", lambda *a, **k: builds.append(1) or original(*a, **k))
    assert chair_2027(run, data) == "sg"
    assert builds == []  # the entry of the files was there: found under their real digests
    _age_memo(memo, data)
    _forbid_reading(monkeypatch)
    assert chair_2027(run, data) == "sg"


def test_a_file_changed_just_before_the_memo_is_read_again(run, data, fresh_cache, monkeypatch):
    from asean_sec.loading import load

    assert chair_2027(run, data) == "sg"  # the files were copied a moment ago: racy, so hashed
    reads = []
    original = load.read_files
    monkeypatch.setattr(load, "read_files", lambda directory: reads.append(directory) or original(directory))
    assert chair_2027(run, data) == "sg"
    assert [str(directory) for directory in reads] == [str(data)]


def test_a_warm_entry_is_a_mapping_in_every_respect(tmp_path, monkeypatch):
    """keys, items, values, len, iteration and `in` agree on a cached entry, read or not."""
    from asean_sec.loading.load import load, shipped_data_dir

    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASEAN_SEC_NO_CACHE", raising=False)
    load(shipped_data_dir())  # cold: writes the entry
    raw = load(shipped_data_dir()).raw  # warm: read back part by part
    assert type(raw).__name__ == "Sections"
    names = list(raw.keys())
    assert names and list(raw) == names and len(raw) == len(names)
    assert [name for name, _ in raw.items()] == names
    assert len(list(raw.values())) == len(names)
    assert all(name in raw for name in names) and "no such section" not in raw
    assert dict(raw.items()).keys() == set(names)


def test_a_warm_meetings_question_reads_only_the_meetings_it_returns(fresh_cache, monkeypatch):
    """The meeting index is stored entry by entry, and the places of the meetings page by page:
    `meetings --led-by vn` reads its own meetings, not every one (nor the whole index)."""
    from asean_sec.loading import entry, load
    from asean_sec.questions import query

    cold = query.meetings(load.load(), led_by="vn")
    dataset = load.load()
    assert isinstance(dataset.raw, stored.Sections)
    read = []
    real_part = entry.Reader.part
    monkeypatch.setattr(entry.Reader, "part", lambda self, place: read.append(place) or real_part(self, place))
    found = query.meetings(dataset, led_by="vn")
    read = list(read)
    assert found == cold and found
    assert "meetings" not in dataset.raw._loaded  # the whole list was never made
    meeting_places = _item_places(dataset, "meetings_each")
    meetings_read = [place for place in read if place in meeting_places]
    assert len(meetings_read) == len(found)
    pages = -(-dataset.parts.meeting_count() // entry.PAGE)  # the places of the meetings, a page at a time
    # the index entry and the bucket that holds its key, its list, pages of places, the inferred chairs
    # (an entry with the bucket that holds it)
    assert len(read) <= len(found) + 6 + pages


def _item_places(dataset, name: str) -> set:
    index = dataset.raw.collection_index(name)  # the cache's own layout (loading/stored.py)
    return {index.place(position) for position in range(len(index))}


def test_the_meeting_index_drops_no_meeting_a_filter_matches(fresh_cache, monkeypatch):
    """For every country and body, each filter answers the same from the stored index, from the
    index built from the data, and from every meeting."""
    from asean_sec.loading import load
    from asean_sec.model.dataset import Dataset
    from asean_sec.questions import query

    built = load.load(use_cache=False)
    load.load()
    warm = load.load()
    assert isinstance(warm.raw, stored.Sections)
    questions = [{"mechanism": m} for m in built.mechanisms]
    questions += [{kind: c} for c in built.countries for kind in ("chaired_by", "hosted_by", "led_by", "attended_by")]
    questions += [{"mechanism": "ammtc", "attended_by": c, "hosted_by": c} for c in built.countries]
    answers = {"stored": [query.meetings(warm, **q) for q in questions],
               "built": [query.meetings(built, **q) for q in questions]}
    monkeypatch.setattr(Dataset, "meeting_positions", lambda self, *a, **k: list(range(len(self.meetings))))
    every = [query.meetings(built, **q) for q in questions]
    assert answers["stored"] == answers["built"] == every
    assert sum(map(len, every)) > 500


def test_warm_and_cold_datasets_are_equal_section_by_section(tmp_path, monkeypatch):
    """The cache hides behind the model: a warm dataset's raw sections are the cold one's, in
    keys, len, iteration and values, and the records built from them are the same."""
    from asean_sec.loading.load import load, shipped_data_dir

    monkeypatch.setenv("ASEAN_SEC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASEAN_SEC_NO_CACHE", raising=False)
    cold = load(shipped_data_dir())
    warm = load(shipped_data_dir())
    assert type(warm.raw).__name__ == "Sections" and warm.parts is not None
    assert cold.parts is None
    assert sorted(warm.raw) == sorted(cold.raw) and len(warm.raw) == len(cold.raw)
    for name in cold.raw:
        assert warm.raw[name] == cold.raw[name], name
    assert dict(warm.raw.items()) == dict(cold.raw.items())
    assert warm.raw == cold.raw
    assert warm.meetings == cold.meetings and warm.sources == cold.sources
    assert warm.meeting_index == cold.meeting_index


# --- memos: values derived from an entry, kept beside it (the search index) ---------------------

def memos(folder: Path) -> list[Path]:
    return sorted(folder.glob("asean-sec-*-search.memo")) if folder.is_dir() else []


def search_json(run, data: Path, text: str):
    result = run("--data-dir", str(data), "search", text, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_search_keeps_its_index_beside_the_entry_and_answers_the_same(run, data, fresh_cache, monkeypatch):
    search_json(run, data, "singapore")  # builds the entry
    first = search_json(run, data, "singapore")  # builds the index, answering from it
    [memo] = memos(fresh_cache)
    [entry_path] = entries(fresh_cache)
    assert memo.name == entry_path.name[:-len(".entry")] + "-search.memo"
    again = search_json(run, data, "singapore")  # reads the index
    monkeypatch.setenv("ASEAN_SEC_NO_CACHE", "1")
    assert first == again == search_json(run, data, "singapore")


def test_person_names_are_folded_once_and_kept_beside_the_entry(run, data, fresh_cache, monkeypatch):
    """A person asked by name: the folded names of every person are made by the first question
    that needs them, kept in a memo, and answer the same as without a cache."""
    def ask(text: str):
        result = run("--data-dir", str(data), "person", text, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    ask("listyo sigit")  # builds the entry
    first = ask("Listyo Sigit Prabowo")
    [memo] = fresh_cache.glob("asean-sec-*-person-names.memo")
    assert json.loads(first)["person"]["id"] == json.loads(ask("LISTYO SIGIT PRABOWO"))["person"]["id"]
    monkeypatch.setenv("ASEAN_SEC_NO_CACHE", "1")
    assert first == ask("Listyo Sigit Prabowo")
    assert memo.is_file()


@pytest.mark.parametrize("damage", [b"", b"ASEANSEC1" + b"\0" * 40, b"not a memo at all"])
def test_a_damaged_search_index_is_ignored_and_made_again(run, data, fresh_cache, damage, monkeypatch):
    search_json(run, data, "chair")
    expected = search_json(run, data, "chair")
    [memo] = memos(fresh_cache)
    memo.write_bytes(damage)
    assert search_json(run, data, "chair") == expected
    assert memo.read_bytes() != damage  # made again
    assert search_json(run, data, "chair") == expected


def test_a_memo_goes_when_its_entry_is_pruned(run, data, fresh_cache):
    search_json(run, data, "chair")
    search_json(run, data, "chair")
    [old] = memos(fresh_cache)
    stranger = fresh_cache / "asean-sec-0000-search.memo"  # not ours: no magic
    stranger.write_bytes(b"someone else's")
    path = data / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(10):
        path.write_text(text.replace("A handful of records", f"A handful ({n}) of records"), encoding="utf-8")
        assert chair_2027(run, data) == "sg"
    assert not old.exists()
    assert stranger.read_bytes() == b"someone else's"


def test_country_and_person_answer_from_their_own_meetings_as_from_all(fresh_cache, monkeypatch):
    """`country` and `person` read the meetings where the country or the person had a seat (the
    meeting index), not every meeting; the answers equal those made from every meeting."""
    import datetime as dt

    from asean_sec.loading import load
    from asean_sec.model.dataset import Dataset
    from asean_sec.model.names import fold
    from asean_sec.questions import people

    day = dt.date(2026, 11, 23)
    load.load()  # the entry
    first = load.load()
    people.person_profile(first, next(iter(first.people)), day)  # the notes memo, made once from every meeting
    warm = load.load()
    assert warm.parts is not None
    answers = {("country", c): people.country_dossier(warm, c, day) for c in warm.countries}
    answers |= {("person", p): people.person_profile(warm, p, day) for p in warm.people}
    assert "meetings" not in warm.raw._loaded  # the whole list was never made
    # the same questions, asked of every meeting
    monkeypatch.setattr(Dataset, "positions_with", lambda self, **_: set(range(len(self.raw["meetings"]))))
    monkeypatch.setattr(Dataset, "folded_notes", lambda self: [
        [p, fold(m["note"])] for p, m in enumerate(self.raw["meetings"]) if m.get("note")])
    every = load.load(use_cache=False)
    for (kind, key), answer in answers.items():
        ask = people.country_dossier if kind == "country" else people.person_profile
        assert ask(every, key, day) == answer, (kind, key)


def test_a_large_memo_is_checked_by_its_crc_and_a_damaged_one_is_not_used(tmp_path):
    from asean_sec.loading import cache

    path = tmp_path / "big.memo"
    value = [f"{i:05d}" + "x" * 1000 for i in range(2000)]  # past the size from which a CRC-32 checks it
    assert cache.write_file(path, value)
    blob = path.read_bytes()
    assert blob.startswith(b"ASEANSECC") and cache.read_file(path) == value
    damaged = bytearray(blob)
    damaged[len(blob) // 2] ^= 1
    path.write_bytes(bytes(damaged))
    assert cache.read_file(path) is None
    assert cache.write_file(path, ["small"]) and path.read_bytes().startswith(b"ASEANSEC1")
    assert cache.read_file(path) == ["small"]

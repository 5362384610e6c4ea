"""An edit to a few records, applied to the last cache entry instead of rebuilding it.

A curator who changes one meeting of thirty thousand should not wait while every record is parsed,
checked and stored again. The entry last built from a data directory is found through the memo of
its files (cache.last_digests), and beside it a copy of meetings.yaml as the last full build read it
(the base), with where each record began and which records the entries since then have replaced
(`remember`). The base is written once per full build and passed on, renamed, from entry to entry:
an edit compares the file with the base, so the records that differ from it are the ones changed
since the full build, and those are read again. When

- the bytes that changed in meetings.yaml lie inside meeting records, and each of those records keeps
  its id, its parent and its outcomes (the only fields of a meeting that the checks of other records
  read), and
- every other data file that changed holds the same values, or changed only in records that keep their
  ids in sections no check of a meeting reads beyond those ids (`_may_change`),

only what changed is parsed and checked: the edited meetings by the same schema check, and all of it
by validate.check run on every other section with the edited meetings, knowing the ids of all
meetings. The new entry is the last one with those parts, and the entries of the meeting index the
edited meetings move in or out of, replaced (entry.patch).

Anything else returns False and the caller rebuilds everything the ordinary way, which finds and words
every problem with its line: an edited record is never checked more leniently than a full build
checks it. Tests hold the two ways to the same entry.
"""

from __future__ import annotations

import marshal
import re
from bisect import bisect_right, insort

from asean_sec import __version__
from asean_sec.loading import cache, entry, stored

MEETINGS_FILE = "meetings.yaml"
_LAYOUT = "layout"  # (starts, ids, count, size, replaced): the base's layout, and the records replaced since
_BASE = "base"  # meetings.yaml as the last full build read it
_COLUMN_ZERO = re.compile(rb"\n([^ \n#])")  # a line that begins at column 0 with neither space nor comment
_KEY = re.compile(rb"meetings:[ ]*(?:#[^\n]*)?")
_UNUSED = 0.5  # past this share of unused bytes (replaced items left behind), the entry is written afresh
_CHUNK = 1 << 16
_MOST_REREAD = 2000  # past this many records differing from the base, the entry is built afresh


class _Unplaced:
    """Stands in for a yamlio.Document: a problem found here sends the caller to a full build, which
    gives it its line."""

    def __init__(self, file: str):
        self.file = file

    def line_of(self, path) -> None:
        return None


def remember(key: str, raw: bytes, digest: bytes, count: int | None, meetings: list) -> None:
    """Keep beside the entry `key` what `apply` needs: meetings.yaml as the entry was built from it
    (whose file_digest is `digest`, and which holds `count` values, None when it was not read record
    by record) as the base, where each record begins, each record's id, and the entry's size."""
    starts = _file_layout(raw)
    if count is None or starts is None or len(starts) != len(meetings):
        return
    size = cache.entry_size(key)
    if size:
        memos = cache.Memos(key)
        memos.put_with_text(_BASE, None, raw, digest)
        memos.put(_LAYOUT, (starts, [m["id"] for m in meetings], count, size, []))


def _is_item(raw: bytes, position: int) -> bool:
    return raw.startswith((b"- ", b"-\n"), position) or raw[position:] == b"-"


def _file_layout(raw: bytes) -> list[int] | None:
    """Where each record of meetings.yaml begins (in bytes), when the file is its `meetings:` key and
    a block list at column 0 (the shipped layout); else None."""
    if b"\r" in raw:
        return None
    lines = [m.start(1) - 1 for m in _COLUMN_ZERO.finditer(b"\n" + raw)]
    if len(lines) < 2:
        return None
    end = raw.find(b"\n", lines[0])
    if end < 0 or not _KEY.fullmatch(raw, lines[0], end):
        return None
    items = lines[1:]
    return items if all(_is_item(raw, position) for position in items) else None


def _region_layout(raw: bytes, begin: int, end: int) -> list[int] | None:
    """Where each record between `begin` (the start of one) and `end` begins; None when anything but
    records and comments starts at column 0 there."""
    starts = [begin] + [m.start(1) for m in _COLUMN_ZERO.finditer(raw, begin, end)]
    return starts if all(_is_item(raw, position) for position in starts) else None


def _common_prefix(a: bytes, b: bytes) -> int:
    size = min(len(a), len(b))
    at = 0
    while at < size and a[at:at + _CHUNK] == b[at:at + _CHUNK]:
        at += _CHUNK
    while at < size and a[at] == b[at]:
        at += 1
    return min(at, size)


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    n, la, lb = 0, len(a), len(b)
    while n < limit and a[max(la - n - _CHUNK, la - limit):la - n] == b[max(lb - n - _CHUNK, lb - limit):lb - n]:
        n = min(n + _CHUNK, limit)
    while n < limit and a[la - n - 1] == b[lb - n - 1]:
        n += 1
    return n


def apply(directory, contents: dict[str, bytes], digests: dict, previous: dict, key: str) -> bool:
    """Write the entry for `contents` (whose key is `key`) from the last one, built from the files
    whose digests are `previous`; False when it cannot be done so (see the module)."""
    try:
        return _apply(directory, contents, digests, previous, key)
    except (entry.Corrupt, OSError, LookupError, ValueError, TypeError, EOFError):
        return False


def _refuse():
    raise entry.Corrupt("the last entry failed a check")


def _apply(directory, contents, digests, previous, key) -> bool:
    if set(previous) != set(digests):
        return False
    old_key = cache.key_from_digests(__version__, previous)
    changed = {name for name in digests if previous[name] != digests[name]}
    if old_key == key or not changed:
        return False
    reader = cache.entry_reader(old_key)
    memos = cache.Memos(old_key)
    layout = memos.peek(_LAYOUT)  # (starts, ids, count, size, replaced): see _LAYOUT
    if reader is None or not isinstance(layout, tuple) or len(layout) != 5:
        return False
    if reader.size > layout[3] * (1 + _UNUSED):
        return False
    old = stored.Sections(reader, stored.DERIVED, _refuse)
    sections: dict[str, list] = {}  # the sections whose values changed, as they are now
    for name in changed - {MEETINGS_FILE}:
        values = _file_values(directory, name, contents[name])
        if values is None:
            return False
        for section, value in values.items():
            if value != old[section]:
                if not _may_change(section, old[section], value):
                    return False
                sections[section] = value
    replaced: dict[str, dict] = {}
    if MEETINGS_FILE in changed:
        base = memos.peek_with_text(_BASE)
        edited = _edited_meetings(directory, contents[MEETINGS_FILE], base[1], layout, old, sections) if base else None
        if edited is None:
            return False
        replaced, layout = edited
    elif sections:  # with no meeting edited, the other files are checked on their own
        checked = _checked(directory, old, sections, [], layout[1], [], [])
        if checked is None:
            return False
        replaced = checked
    for section, value in sections.items():
        if section in stored.BY_ID:
            before = {record["id"]: record for record in old[section]}
            changed = [record for record in value if record != before[record["id"]]]
            replaced[stored.BY_ID[section]] = {record["id"]: marshal.dumps(record) for record in changed}
            if section == "sources":
                replaced[stored.REFS] = stored.refs_of(changed)
    if not cache.write_blob(key, entry.patch(reader, replaced, sections)):
        return False
    new = cache.Memos(key)
    new.put(_LAYOUT, layout)
    memos.drop(_LAYOUT)
    memos.move(_BASE, new)  # the same base for the latest entry only: renamed, not copied
    return True


# Sections whose records may change value here: no check of a meeting reads them beyond their ids
# (a document's `meeting` aside, which must stay). The dataset's as-of day, the bodies and the chair
# years change what is checked or inferred for every meeting, and so do the roles (the terms of the
# co-chairs a body's rule names: see dataset.role_terms), so a change to them is a full build.
_MAY_CHANGE = frozenset({"sources", "people", "offices", "documents", "countries", "crimes"})


def _may_change(section: str, before: list, after: list) -> bool:
    """Whether a section may change from `before` to `after` without rechecking every meeting: its
    records keep their ids, in order, and each document stays adopted at the same meeting."""
    if section not in _MAY_CHANGE or len(before) != len(after):
        return False
    if any(old.get("id") != new.get("id") for old, new in zip(before, after)):
        return False
    return section != "documents" or all(old.get("meeting") == new.get("meeting") for old, new in zip(before, after))


def _file_values(directory, name: str, raw: bytes) -> dict | None:
    """Section -> value of data file `name` (not meetings.yaml), or None when it has a problem."""
    from asean_sec.loading import load

    schema_name, sections = load.FILES[name]
    label = str(load._path(directory) / name)
    document = load._read_by_records(label, raw, schema_name)
    if document is None:
        document, problems, places = load._read_document(label, raw, name, schema_name)
        if document is None or problems or places:
            return None
    value = document.value
    if sections is None:
        return {"dataset": value}
    return {section: value.get(section) for section in sections}


def _edited_meetings(directory, new_raw: bytes, base: bytes, layout: tuple, old, sections: dict):
    """({collection: replaced items}, the layout for the new entry) for an edit inside meeting records
    that keep their id, parent and outcomes, checked with every other section (`sections`: those
    whose values changed, as they are now); None when a check fails or the edit is of another kind.

    The file is compared with the base: the records in the span that differs from it, and those the
    entries since the base replaced (which may now read as in the base again), are read anew."""
    from asean_sec.loading import load, parts
    from asean_sec.loading import text as limits

    starts, ids, count, size, replaced_before = layout
    earlier = set(replaced_before)
    if b"\r" in new_raw or not starts:
        return None
    at = _common_prefix(base, new_raw)
    if at < starts[0]:
        return None  # the file's key or the lines above its first record changed
    base_end = len(base) - _common_suffix(base, new_raw, min(len(base), len(new_raw)) - at)
    shift = len(new_raw) - len(base)
    first = bisect_right(starts, at) - 1
    last = max(first, bisect_right(starts, base_end - 1) - 1)
    base_stop = starts[last + 1] if last + 1 < len(starts) else len(base)
    new_starts = _region_layout(new_raw, starts[first], base_stop + shift)
    if new_starts is None or len(new_starts) != last - first + 1:
        return None
    positions = sorted(set(range(first, last + 1)).union(earlier))
    if len(positions) > _MOST_REREAD:
        return None

    def base_span(p: int) -> tuple[int, int]:
        return starts[p], starts[p + 1] if p + 1 < len(starts) else len(base)

    def new_span(p: int) -> tuple[int, int]:
        if p < first:  # before the span that differs: where it was
            return base_span(p)
        if p > last:  # after it: moved by the change in length
            begin, end = base_span(p)
            return begin + shift, end + shift
        return new_starts[p - first], new_starts[p - first + 1] if p < last else base_stop + shift

    checkers = parts._checkers("meetings")
    if checkers is None:
        return None
    check = checkers[1]["meetings"]
    label = str(load._path(directory) / MEETINGS_FILE)
    new_records, new_count = _read_records(label, new_raw, [new_span(p) for p in positions], check)
    base_records, base_count = _read_records(label, base, [base_span(p) for p in positions], check)
    if new_records is None or base_records is None or count - base_count + new_count > limits.MAX_VALUES:
        return None
    items = old.collection(stored.MEETINGS)
    before_records = []
    for position, in_base, after in zip(positions, base_records, new_records):
        before = marshal.loads(items[position])
        if ids[position] != before["id"] or (position not in earlier and before != in_base):
            return None  # the entry does not hold what the base says it was built from
        if (after["id"], after.get("parent"), after.get("outcomes")) != \
                (before["id"], before.get("parent"), before.get("outcomes")):
            return None
        before_records.append(before)
    replaced = _checked(directory, old, sections, new_records, ids, before_records, positions)
    if replaced is None:
        return None
    # the base's layout and count stand: the records that differ from it are listed, to be read again
    replaced_since = [p for p, in_base, after in zip(positions, base_records, new_records) if after != in_base]
    return replaced, (starts, ids, count, size, replaced_since)


def _checked(directory, old, sections: dict, new_records: list, ids: list, old_records: list,
             positions: list[int]) -> dict[str, dict] | None:
    """{collection: replaced items} once the edited meetings (`new_records`, which were `old_records`,
    at `positions`) pass every check with every other section, knowing the ids of all meetings (`ids`);
    None otherwise."""
    from asean_sec.loading import load, validate
    from asean_sec.model.dataset import Dataset, index_context, meeting_keys

    label = str(load._path(directory) / MEETINGS_FILE)
    raw = {name: sections.get(name, old[name]) for name in old if name != "meetings"}
    raw["meetings"] = new_records
    where = {name: _Unplaced(label) for name in raw}
    if any(not p.warning for p in validate.check(Dataset(raw, directory), where, known={"meetings": set(ids)})):
        return None
    context = index_context(raw)
    index = old.collection(stored.INDEX)
    moved: dict[tuple, list] = {}

    def entry_of(name: tuple) -> list:
        if name not in moved:
            blob = index.get(name)
            moved[name] = marshal.loads(blob) if blob else []
        return moved[name]

    for position, before, after in zip(positions, old_records, new_records):
        (was, was_inferred), (now, now_inferred) = meeting_keys(before, *context), meeting_keys(after, *context)
        for name in set(was).difference(now):
            entry_of(name).remove(position)
        for name in set(now).difference(was):
            insort(entry_of(name), position)
        if was_inferred != now_inferred:
            pairs = entry_of(("inferred",))
            if was_inferred:
                pairs.remove([position, was_inferred])
            if now_inferred:
                insort(pairs, [position, now_inferred])
    return {stored.MEETINGS: {position: marshal.dumps(record) for position, record in zip(positions, new_records)},
            stored.INDEX: {name: marshal.dumps(listed) if listed else None for name, listed in moved.items()}}


def _read_records(label: str, raw: bytes, spans: list[tuple[int, int]], check):
    """The records at `spans` (begin, end) of `raw` and how many values they hold beyond one each
    (as parts.read counts them); (None, 0) when one does not read cleanly."""
    from asean_sec.loading import yamlio
    from asean_sec.loading.text import decode

    records, count = [], 0
    for begin, end in spans:
        text, problem = decode(label, raw[begin:end])
        item = yamlio.read_item(text) if problem is None else None
        if item is None or not check(item[0]):
            return None, 0
        records.append(item[0])
        count += item[2] - 1
    return records, count

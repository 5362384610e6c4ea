"""How a checked dataset is laid out in a cache entry, and read back part by part (Sections).

The model knows none of this: a warm Dataset is given `Parts`, which answers for one meeting,
one entry of the meeting index or one source, person or document, and reads only the parts of
the entry it needs. An entry holds every raw section but the meetings, and these collections:
each meeting on its own (by position), each entry of the meeting index (by key), and each source,
person and document (by id: an answer names a few of each), and each source's reference alone (by
id: what a JSON answer cites of it, without its quote).
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping

from asean_sec.loading import entry

MEETINGS, INDEX, SOURCES = "meetings_each", "meetings_by", "sources_each"
BY_ID = {"people": "people_each", "documents": "documents_each", "sources": SOURCES}  # section -> collection
REFS = "source_refs"


def source_ref(record: dict) -> str:
    """What an answer cites of a source record (model Source.ref, for the raw record the entry stores)."""
    return record.get("url") or record.get("document") or record["id"]


def refs_of(records) -> dict:
    """The REFS collection's items for these source records."""
    return {record["id"]: marshal.dumps(source_ref(record)) for record in records}


def layout(dataset) -> tuple[dict, dict]:
    """What the cache stores for `dataset`: (sections, collections of marshalled items)."""
    raw = dataset.raw
    sections = {name: value for name, value in raw.items() if name != "meetings"}
    collections = {MEETINGS: [marshal.dumps(record) for record in raw["meetings"]],
                   INDEX: {key: marshal.dumps(positions) for key, positions in sorted(dataset.meeting_index.items())},
                   **{name: {record["id"]: marshal.dumps(record) for record in raw[section]}
                      for section, name in BY_ID.items()},
                   REFS: refs_of(raw["sources"])}
    return sections, collections


def _all_meetings(sections) -> list[dict]:
    return [marshal.loads(blob) for blob in sections.collection(MEETINGS)]


# Sections made from the collections when a question asks for them whole.
DERIVED = {"meetings": _all_meetings}


class Parts:
    """The stored items of one entry, read one at a time (see Sections.collection), and the
    values derived from it that are kept beside it (`memos`: see cache.Memos)."""

    def __init__(self, sections, memos=None):
        self._sections = sections
        self._memos = memos

    def memo(self, name: str, compute):
        return self._memos.get(name, compute) if self._memos is not None else compute()

    def meeting_count(self) -> int:
        return len(self._sections.collection(MEETINGS))

    def meeting(self, position: int) -> dict:
        return marshal.loads(self._sections.collection(MEETINGS)[position])

    def index_entry(self, key: tuple) -> list:
        blob = self._sections.collection(INDEX).get(key)
        return marshal.loads(blob) if blob else []

    def record(self, section: str, record_id: str) -> dict | None:
        """One record of a section stored by id (BY_ID), or None when there is none."""
        blob = self._sections.collection(BY_ID[section]).get(record_id)
        return marshal.loads(blob) if blob else None

    def source_ref(self, source_id: str) -> str | None:
        """What an answer cites of a source (source_ref), or None when there is no such source."""
        blob = self._sections.collection(REFS).get(source_id)
        return marshal.loads(blob) if blob else None

    def by_id(self, section: str) -> bool:
        """Whether `record` answers for this section."""
        return section in BY_ID


class Sections(Mapping):
    """Section name -> value, read from an entry only when first asked for; a Mapping in every
    respect (keys, items, values, len, iteration and equality see every section, read or not).
    Collections (how the entry is laid out) come from `collection(name)`, not as sections; a
    name in `derived` is made from them (name -> function of self). A part that fails its check switches every later read to what
    `rebuild()` returns."""

    def __init__(self, reader: entry.Reader, derived: dict | None, rebuild):
        self._reader, self._rebuild = reader, rebuild
        self._fresh: dict | None = None
        stored = {*reader.sections, *reader.collections}
        self._derived = {k: v for k, v in (derived or {}).items() if k not in stored}
        self._indexes: dict[str, object] = {}
        self._loaded: dict[str, object] = {}

    def __getitem__(self, name):
        if name in self._loaded:
            return self._loaded[name]
        if self._fresh is not None:
            value = self._fresh[name]
        elif name in self._reader.sections:
            value = self._checked(lambda: self._reader.value(self._reader.sections[name]), name)
        elif name in self._derived:
            value = self._derived[name](self)
        else:
            raise KeyError(name)
        self._loaded[name] = value
        return value

    def _checked(self, read, name):
        """What `read()` returns, or the rebuilt value of `name` if the entry fails its check."""
        try:
            return read()
        except entry.Corrupt:
            fresh = self._fresh = self._rebuild()
            return fresh[name]

    def collection(self, name: str) -> entry.Items:
        """A stored collection (see stored.py), its items read one at a time. Collections are how
        the entry is laid out, not sections of the data: keys and iteration do not list them."""
        return entry.Items(self, name)

    def collection_index(self, name: str):
        if self._fresh is not None:
            return self._fresh[name]
        if name not in self._indexes:
            self._indexes[name] = self._checked(lambda: self._reader.index(name), name)
        return self._indexes[name]

    def collection_item(self, name: str, key) -> bytes:
        found = self._item(name, key, must=True)
        assert found is not None  # must: KeyError or IndexError rather than None
        return found

    def collection_find(self, name: str, key) -> bytes | None:
        """Item `key` of collection `name` (a collection by id), or None when it has none."""
        return self._item(name, key, must=False)

    def _item(self, name: str, key, must: bool) -> bytes | None:
        """Item `key` of collection `name`, read and checked; a part that fails its check switches to
        the rebuilt entry. Missing: KeyError or IndexError when `must`, else None."""
        index = self.collection_index(name)
        if self._fresh is None:
            try:
                place = index.place(key) if must else index.find(key)
                return None if place is None else self._reader.part(place)
            except entry.Corrupt:
                self._fresh = self._rebuild()
        held = (self._fresh or self._rebuild())[name]
        return held[key] if must else held.get(key)

    def __contains__(self, name):
        return name in self._reader.sections or name in self._derived or name in self._loaded

    def __iter__(self):
        return iter(dict.fromkeys([*self._reader.sections, *self._derived,
                                   *self._loaded]))

    def __len__(self):
        return sum(1 for _ in self)

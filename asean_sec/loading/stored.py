"""How a checked dataset is laid out in a cache entry, and read back part by part.

The model knows none of this: a warm Dataset is given `Parts`, which answers for one meeting,
one entry of the meeting index or one source, and reads only the parts of the entry it needs.
An entry holds every raw section but the meetings, and three collections: each meeting on its
own (by position), each entry of the meeting index (by key) and each source (by id).
"""

from __future__ import annotations

import marshal

MEETINGS, INDEX, SOURCES = "meetings_each", "meetings_by", "sources_each"


def layout(dataset) -> tuple[dict, dict]:
    """What the cache stores for `dataset`: (sections, collections of marshalled items)."""
    raw = dataset.raw
    sections = {name: value for name, value in raw.items() if name != "meetings"}
    collections = {MEETINGS: [marshal.dumps(record) for record in raw["meetings"]],
                   INDEX: {key: marshal.dumps(positions) for key, positions in dataset.meeting_index.items()},
                   SOURCES: {record["id"]: marshal.dumps(record) for record in raw["sources"]}}
    return sections, collections


def _all_meetings(sections) -> list[dict]:
    return [marshal.loads(blob) for blob in sections.collection(MEETINGS)]


# Sections made from the collections when a question asks for them whole.
DERIVED = {"meetings": _all_meetings}


class Parts:
    """The stored items of one entry, read one at a time (see cache.Sections.collection)."""

    def __init__(self, sections):
        self._sections = sections

    def meeting_count(self) -> int:
        return len(self._sections.collection(MEETINGS))

    def meeting(self, position: int) -> dict:
        return marshal.loads(self._sections.collection(MEETINGS)[position])

    def index_entry(self, key: tuple) -> list:
        blob = self._sections.collection(INDEX).get(key)
        return marshal.loads(blob) if blob else []

    def source(self, source_id: str) -> dict | None:
        blob = self._sections.collection(SOURCES).get(source_id)
        return marshal.loads(blob) if blob else None

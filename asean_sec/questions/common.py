"""What the questions share: the time rules (begun, held, upcoming), names to ids, the tree of bodies,
the documents' types and raw record notes.

Pure: no click, no printing, no formatting. Every "current", "last", "next" and "in office"
is relative to the `as_of` day the caller passes.
"""

from __future__ import annotations

import datetime as dt

from asean_sec.model.dataset import Dataset
from asean_sec.model.dates import PartialDate
from asean_sec.model.kinds import Mechanism, Meeting
from asean_sec.model.names import NameIndex
from asean_sec.problems import LookupFailed
from asean_sec.questions import query

# The documents schema's `type` vocabulary (data/schemas/documents.schema.json).
DOCUMENT_TYPES = ("declaration", "joint_statement", "leaders_statement", "convention", "treaty",
                  "plan_of_action", "work_plan", "mou", "agreement", "charter", "cooperation_plan", "other")
# Roles that make a country the lead of a priority crime area.
SHEPHERD_ROLES = ("lead_shepherd", "voluntary_lead_shepherd", "shepherd", "chair", "co_chair")
# Seats and participant roles that lead a delegation.
LEADING_ROLES = ("chair", "co_chair", "head_of_delegation", "incoming_chair")
RECENT_DELEGATIONS = 8


# --- time ---------------------------------------------------------------------------------

def begun(date: PartialDate | None, day: dt.date) -> bool:
    """The date has certainly come by `day` (a month or year counts from its last day)."""
    return date is not None and date.last_day <= day


def starts_after(date: PartialDate | None, day: dt.date) -> bool:
    return date is not None and date.first_day > day


def seen_only_after(dataset: Dataset, record, day: dt.date) -> bool:
    """An undated record (no start, no end) every dated source of which was published after `day`: on
    that day nothing on record showed it (a lead shepherd first reported in 2015, asked about in 2010)."""
    if getattr(record, "start", None) is not None or getattr(record, "end", None) is not None:
        return False
    first = query.earliest_source(dataset, record.sources)
    return first is not None and first.first_day > day


def held_by(meeting: Meeting, day: dt.date) -> bool:
    """The meeting took place on or before `day`."""
    return meeting.status not in ("cancelled", "postponed", "scheduled") and begun(meeting.start, day)


def upcoming(meeting: Meeting, day: dt.date) -> bool:
    """The meeting is on record and had not certainly begun on `day`."""
    return meeting.start is not None and meeting.status != "cancelled" and not begun(meeting.start, day)


# --- names --------------------------------------------------------------------------------

def document_type(text: str) -> str:
    """'Joint statement', 'joint-statement', 'JOINT_STATEMENT', 'treaties' -> the type's id; an
    unknown type fails with every type as a suggestion."""
    index = NameIndex("document type", {t: (t, t.replace("_", " ")) for t in DOCUMENT_TYPES})
    words = text.replace("_", " ").split()
    plural = [w[:-3] + "y" if w.lower().endswith("ies") else w[:-1] if w.lower().endswith("s") else w for w in words]
    for candidate in (" ".join(words), " ".join(plural[:1] + words[1:]), " ".join(plural)):
        found = index.get(candidate)
        if found:
            return found
    raise LookupFailed("document type", text, index.suggest(text) or [t.replace("_", " ") for t in DOCUMENT_TYPES])


# --- bodies and their chairs --------------------------------------------------------------

def children(dataset: Dataset, mechanism: str) -> list[Mechanism]:
    """Bodies whose parent is `mechanism`, in the data's own order."""
    return [m for m in dataset.mechanisms.values() if m.parent == mechanism]


def subtree(dataset: Dataset, mechanism: str) -> list[str]:
    """`mechanism` and every body below it."""
    found, todo = [], [mechanism]
    while todo:
        current = todo.pop(0)
        found.append(current)
        todo += [m.id for m in children(dataset, current)]
    return found


chair_as_of = query.chair_as_of


# --- raw fields the records do not carry --------------------------------------------------

def raw_record(dataset: Dataset, section: str, record_id: str) -> dict:
    """The raw record (fields the model does not carry, such as `note`), or {} when there is none."""
    return dataset.raw_record(section, record_id) or {}

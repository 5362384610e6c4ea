"""Full-text search over every record, best match first.
"""

from __future__ import annotations

import marshal
from bisect import bisect_right
from typing import NamedTuple

from asean_sec.model.dataset import Dataset
from asean_sec.model.names import bracketed_names, fold
from asean_sec.questions import query
from asean_sec.questions.common import raw_record
from asean_sec.questions.people import merged_offices

# --- full-text search ---------------------------------------------------------------------

class Hit(NamedTuple):
    kind: str  # country, mechanism, meeting, person, office, document, role, crime, chair
    id: str
    label: str
    score: int
    field: str  # the best field that matched
    text: str  # that field's text
    sources: tuple[str, ...]
    since: tuple[int, int, int] | None = None  # an office's start (its sort key): alike offices latest first

_DERIVED = ", derived"  # a date in a label worked out from the sources, not printed in them


# How much a match in each field counts: names first, places and people next, notes last.
_WEIGHTS = {"name": 12, "acronym": 12, "title": 10, "id": 8, "alias": 8, "native_name": 10, "official_name": 8,
            "place": 6, "city": 6, "host": 4, "chair": 5, "person": 6, "participants": 4, "outcomes": 5,
            "theme": 4, "subject": 5, "description": 3, "organization": 4, "country": 3, "type": 3,
            "parties": 3, "crime": 4, "mechanism": 3, "note": 1, "chair_note": 1}


# Other spellings of names that the data writes one way (a query is read with the data's): places,
# and countries' adjectives.
_SPELLINGS = {"naypyidaw": "nay pyi taw", "naypyitaw": "nay pyi taw", "nay pyi daw": "nay pyi taw",
              "laos": "lao",  # "Lao PDR", "Lao People's Army": "laos" is in neither
              # a country's adjective, read as its name ('Indonesian defence minister'); one that the
              # name holds ('Thai' in 'Thailand', 'Philippine') matches as it is
              "indonesian": "indonesia", "malaysian": "malaysia", "singaporean": "singapore",
              "cambodian": "cambodia", "laotian": "lao", "burmese": "myanmar", "bruneian": "brunei",
              "vietnamese": "viet nam", "filipino": "philippines", "timorese": "timor",
              "japanese": "japan", "korean": "korea", "australian": "australia", "russian": "russia"}


# American and British spellings of words the records use both ways ('Department of National Defense',
# 'Minister of Defence'): the query and every record's folded text are read with the British one.
_ONE_SPELLING = (("defense", "defence"), ("organization", "organisation"))


def _one_spelling(folded: str) -> str:
    for american, british in _ONE_SPELLING:
        folded = folded.replace(american, british)
    return folded


def search(dataset: Dataset, text: str) -> list[Hit]:
    """Records whose text holds every word of `text` (folded: case and diacritics ignored),
    best first: a match in a name outranks one in a place, which outranks one in a note.
    Words typed apart match a word written as one ('ha noi' finds 'Hanoi'), as a word typed as one
    matches words written apart ('vietnam' finds 'Viet Nam')."""
    asked = f" {' '.join(_one_spelling(fold(text)).split())} "
    for spelling, written in _SPELLINGS.items():
        asked = asked.replace(f" {spelling} ", f" {written} ")
    words = asked.split()
    if not words:
        return []
    readings = [words] + ([["".join(words)]] if len(words) > 1 else [])
    singular = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    if singular != words:  # 'drugs' also finds 'Drug Matters': a plural, read as typed first, then singular
        readings.append(singular)
    corpus, starts, records = dataset.memo("search", lambda: _index(dataset))
    hits = []
    for position in sorted(set().union(*(_holding(reading, corpus, starts) for reading in readings))):
        kind, record_id, label, folded, sources, since = marshal.loads(records[position])
        everything = corpus[starts[position]:starts[position + 1] - 1]
        for reading in readings:
            scored = _scored(reading, folded, everything)
            if scored is not None:
                hits.append(Hit(kind, record_id, label, scored[0], scored[1], scored[2], tuple(sources), since))
                break
    hits.sort(key=lambda h: (-h.score, _SEARCH_KINDS.index(h.kind), _latest_first(h), h.label.casefold(), h.id))
    named = query.named_meeting(dataset, text) if len(words) > 1 or "-" in text else None
    if named:  # '19th AMMTC', 'AMMTC-19': the meeting it names first, then what else holds the words
        meeting = dataset.meetings_by_id[named]
        label = _meeting_label(dataset, meeting)
        return _first(hits, "meeting", named, label, label.split(" (")[0], meeting.sources)
    if ("+" in text or "plus" in words) and (body := query.named_body(dataset, text)) is not None:
        # 'AMMTC+Korea', 'SOMTC Plus United States': the body it names first (other names rank by score)
        mechanism = dataset.mechanisms[body]
        return _first(hits, "mechanism", body, _body_label(mechanism), mechanism.acronym, mechanism.sources)
    return hits


def _first(hits: list[Hit], kind: str, record_id: str, label: str, text: str, sources) -> list[Hit]:
    """`hits` with the record the query names first, matched by name, whether its text held the words or not."""
    top = max((h.score for h in hits), default=0) + 1
    return [Hit(kind, record_id, label, top, "name", text, tuple(sources)),
            *(h for h in hits if (h.kind, h.id) != (kind, record_id))]


def _body_label(body) -> str:
    """'AMMTC — ASEAN Ministerial Meeting on Transnational Crime': as search lists a body."""
    return f"{body.acronym} — {body.name}"


def _holding(words: list[str], corpus: str, starts: list[int]) -> set[int]:
    """The positions of the records whose text (see _index) holds every one of `words`: found
    where the first word occurs in the text of them all, then checked record by record."""
    found, at = set(), corpus.find(words[0])
    while at != -1:
        position = bisect_right(starts, at) - 1
        found.add(position)
        at = corpus.find(words[0], starts[position + 1])  # the next record: one hit is enough
    return {p for p in found if all(w in corpus[starts[p]:starts[p + 1] - 1] for w in words[1:])}


def _scored(words: list[str], folded: list, everything: str) -> tuple[int, str, str] | None:
    """(score, best field, its text) of a record for `words`, or None when a word does not match."""
    if not all(word in everything for word in words):
        return None  # a word matches a field only where it is in the field's compact text
    compact = [padded.replace(" ", "") for _, _, padded in folded]
    score = 0
    best: tuple | None = None
    for word in words:
        scored = [(_word_score(word, padded, joined) * _WEIGHTS.get(name, 1), name, value)
                  for (name, value, padded), joined in zip(folded, compact)]
        top = max(scored, key=lambda s: s[0])
        if top[0] == 0:  # only inside a word, or across two: not a match
            return None
        score += top[0]
        best = best or top
    phrase = " ".join(words)
    if len(words) > 1 and any(phrase in padded for _, _, padded in folded):
        score += 10
        whole = [_WEIGHTS.get(name, 1) for name, _, padded in folded if f" {phrase} " in padded]
        if whole:  # the words as typed, whole and in order: above words found apart ('e-ADS' before 'ADSOM' with
            # an 'e…' elsewhere); in full in a name or a title, half in a light field (a note), so that a note
            # does not outrank a title holding every word ('ASEANAPOL Executive Director')
            score += _PHRASE * len(words) * min(max(max(whole), _NAMED // 2), _NAMED) // _NAMED
    return None if best is None else (score, best[1], best[2])


def _index(dataset: Dataset) -> tuple[str, list[int], list[bytes]]:
    """What search reads of every record, folded once (the dataset keeps it: Dataset.memo): the
    folded text of every record's fields without spaces, one field per line and each record's
    ended by a NUL, all in one string; where each record's text starts (and, last, the end); and
    each record packed on its own (kind, id, label, [(field, text, folded text with a space either
    side)], sources, an office's start or None), unpacked only when its text holds the words asked for."""
    texts, records = [], []
    for kind, record_id, label, fields, sources, *since in _documents(dataset):
        folded = [(name, value, f" {_one_spelling(fold(value))} ") for name, value in fields if value]
        texts.append("\n".join(padded.replace(" ", "") for _, _, padded in folded))
        records.append(marshal.dumps((kind, record_id, label, folded, tuple(sources), since[0] if since else None)))
    starts, at = [], 0
    for record_text in texts:
        starts.append(at)
        at += len(record_text) + 1
    return "\0".join(texts) + "\0", starts + [at], records


def _word_score(word: str, padded: str, compact: str) -> int:
    """How `word` matches a field, folded with a space either side (`padded`) and without spaces
    (`compact`): 4 as its first word, 3 as another word, 2 starting a word, 1 starting a word and
    running on across the next ones, spaces ignored ('vietnam' in 'Viet Nam'); 0 otherwise, even
    inside the text ('scam' in 'members. Cambodia' is no match)."""
    if f" {word} " in padded:
        return 4 if padded.startswith(f" {word} ") else 3  # "Luong Tam Quang" before "Le Luong Minh"
    if f" {word}" in padded:
        return 2
    return 1 if word in compact and _from_a_word_start(word, padded, compact) else 0


def _from_a_word_start(word: str, padded: str, compact: str) -> bool:
    """`word` is in `compact` where one of the field's words begins."""
    starts, at = set(), 0
    for token in padded.split():
        starts.add(at)
        at += len(token)
    found = compact.find(word)
    while found != -1:
        if found in starts:
            return True
        found = compact.find(word, found + 1)
    return False


_PHRASE = 50  # per word of a phrase found whole: more than any field's best word score (4 x 12)
_NAMED = 8  # a field weighing this much (an id, an alias, a name, a title) gets the whole phrase bonus, a note half

_SEARCH_KINDS = ("mechanism", "country", "person", "meeting", "document", "crime", "role", "office", "chair")


def _latest_first(hit: Hit) -> tuple:
    """Offices that match as well as each other, the latest start first ('ONCB': the Secretary-General
    now before those of the 2000s); an office with no start after the dated ones."""
    return (0, *(-part for part in hit.since)) if hit.since else (1,)


def _meeting_label(dataset: Dataset, m) -> str:
    """'AMMTC 19 (2025-09-09, Melaka)': as every list names it, with when and where."""
    label = f"{query.meeting_name(dataset, m.mechanism)} {query.ordinal_words(m.ordinal)}"
    when = f"{m.start}{_DERIVED if 'start' in m.derived else ''}" if m.start else None
    where = ", ".join(p for p in (when, m.city or dataset.country_name(m.host)) if p)
    return label + (f" ({where})" if where else "")


def _short_names(title: str) -> list[str]:
    """The short names a title gives in brackets: 'TAC' in 'Treaty of Amity … (TAC)' (one word, as an
    acronym is; 'SEANWFZ Treaty' is matched as the title's words)."""
    return [name for name in bracketed_names(title) if len(name) <= 12 and " " not in name]


def _documents(dataset: Dataset):
    """(kind, id, label, [(field, text)], sources) for every record worth searching; an office's
    also its start's sort key (search ranks alike offices latest first)."""
    name = dataset.country_name
    person = dataset.person_name
    for c in dataset.countries.values():
        raw = raw_record(dataset, "countries", c.id)
        yield ("country", c.id, c.name,
               [("name", c.name), ("official_name", c.official_name), ("id", c.id),
                *[("alias", a) for a in c.aliases], ("alias", c.iso2), ("alias", c.iso3),
                ("note", raw.get("note"))], c.sources)
    for body in dataset.mechanisms.values():
        raw = raw_record(dataset, "mechanisms", body.id)
        yield ("mechanism", body.id, _body_label(body),
               [("acronym", body.acronym), ("name", body.name), ("id", body.id), *[("alias", a) for a in body.aliases],
                ("description", body.description), ("chair_note", body.chair_note), ("note", raw.get("note")),
                *[("country", name(p)) for p in body.partners]], body.sources)
    for m in dataset.meetings:
        body = dataset.mechanisms.get(m.mechanism)
        acronym = body.acronym if body else m.mechanism
        seats = ([m.chair] if m.chair else []) + list(m.co_chairs)
        yield ("meeting", m.id, _meeting_label(dataset, m),
               [("name", f"{acronym} {query.ordinal_words(m.ordinal)}"), ("id", m.id), ("name", body.name if body else None),
                ("city", m.city), ("place", m.venue), ("host", name(m.host)), ("theme", m.theme),
                # a chair no source names, inferred from the body's sourced rule, is matched and shown as such
                *[("chair", f"{name(s.country)} (inferred)" if m.chair_inferred else name(s.country)) for s in seats],
                *[("person", person(s.person)) for s in seats],
                *[("participants", person(p.person)) for p in m.participants],
                *[("participants", p.title) for p in m.participants],
                *[("outcomes", dataset.documents[d].title) for d in m.outcomes if d in dataset.documents],
                ("note", m.note),
                *[("note", seat.get("note")) for seat in raw_record(dataset, "meetings", m.id).get("participants", ())]],
               m.sources)
    for p in dataset.people.values():
        raw = raw_record(dataset, "people", p.id)
        yield ("person", p.id, p.name,
               [("name", p.name), ("native_name", p.native_name), ("id", p.id),
                *[("alias", a) for a in p.aliases], ("country", name(p.country)), ("note", raw.get("note"))],
               p.sources)
    for o in merged_offices(dataset.offices):
        since = f" (from {o.start}{_DERIVED if 'start' in o.derived else ''})" if o.start else ""
        yield ("office", o.person, f"{person(o.person)}: {o.title}{since}",
               [("title", o.title), ("person", person(o.person)), ("organization", o.organization),
                *[("acronym", short) for short in _short_names(o.organization or "")],
                ("country", name(o.country)), ("note", o.note)], o.sources,
               o.start.sort_key() if o.start else None)
    for d in dataset.documents.values():
        yield ("document", d.id, d.title,
               [("title", d.title), *[("acronym", short) for short in _short_names(d.title)],
                *[("alias", a) for a in raw_record(dataset, "documents", d.id).get("aliases", ())],
                ("id", d.id), ("type", d.type.replace("_", " ")), ("place", d.place),
                *[("parties", name(p)) for p in d.parties], ("note", d.note)], d.sources)
    for r in dataset.roles:
        crime = dataset.crimes.get(r.crime) if r.crime else None
        yield ("role", r.country, f"{name(r.country)}: {r.role.replace('_', ' ')}, {r.subject}",
               [("subject", r.subject), ("country", name(r.country)), ("title", r.role.replace("_", " ")),
                ("crime", crime.name if crime else None), ("country", name(r.partner)), ("note", r.note)],
               r.sources)
    for c in dataset.crimes.values():
        yield ("crime", c.id, c.name, [("name", c.name), *[("alias", a) for a in c.aliases]], c.sources)
    for year, c in sorted(dataset.asean_chair.items()):
        yield ("chair", str(year), f"ASEAN chair {year}: {name(c.country)}",
               [("name", f"ASEAN chair {year}"), ("country", name(c.country)), ("note", c.note)], c.sources)

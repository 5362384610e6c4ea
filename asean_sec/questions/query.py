"""Questions over the records: who chairs, which meetings. Pure: no I/O, no formatting."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from asean_sec.model.dataset import Dataset, names_role
from asean_sec.model.dates import PartialDate
from asean_sec.model.kinds import ChairRule, ChairStatus, Meeting, Seat
from asean_sec.model.names import NameIndex, bracketed_names, fold
from asean_sec.model.record import record, replace
from asean_sec.problems import LookupFailed

ASEAN = "asean"


@record
class ChairAnswer:
    year: int
    mechanism: str
    country: str | None
    status: str  # held | confirmed | projected | inferred | attested | unknown
    basis: str
    note: str | None
    sources: tuple[str, ...]
    person: str | None = None
    last_verified: str | None = None  # of the record the answer rests on, for answers that can change
    co_chairs: tuple = ()  # every co-chair seat of the meeting the answer rests on (`country` is the first)


@cache
def _index(dataset: Dataset, kind: str) -> NameIndex:
    if kind == "country":
        return NameIndex("country", {c.id: (*c.names, *_ADJECTIVES.get(c.id, ())) for c in dataset.countries.values()})
    if kind == "mechanism":
        partners = _partner_names(dataset)
        return NameIndex("mechanism", {m.id: _with_plus_spelled(m.names, partners) for m in dataset.mechanisms.values()})
    if kind == "document":  # a title, or a name it gives in brackets ('ACTIP', 'Bangkok Treaty')
        return NameIndex("document", {d["id"]: (d["title"], *_with_treaty_of(bracketed_names(d["title"])),
                                                *d.get("aliases", ()))
                                      for d in dataset.raw["documents"]})
    if kind == "person":  # hundreds of people, each with several names: folded once, kept in a memo
        def make():
            return NameIndex("person", {p.id: p.names for p in dataset.people.values()}).stored()
        return NameIndex.restored("person", dataset.memo("person-names", make))
    raise ValueError(kind)


_KIND_AND_DATE = re.compile(r"([a-z][a-z-]*?)-(\d{4}(?:-\d\d){0,2})")


def ordinal_words(ordinal: str) -> str:
    """A meeting's ordinal as lists write it: one numbered by its kind and date reads as people write it
    ('retreat-2020-01' is 'Retreat 2020-01', 'pre-summit-2024-10' 'Pre-summit 2024-10'), and a lookup
    takes it back."""
    found = _KIND_AND_DATE.fullmatch(ordinal)
    if not found:
        return ordinal
    return f"{found[1].replace('-', ' ').replace('pre summit', 'pre-summit').capitalize()} {found[2]}"


def meeting_name(dataset: Dataset, mechanism: str) -> str:
    """What lists call a body's meetings: its acronym, and 'ASEAN Summit' for the Chairmanship's
    (output.rows.meeting_label writes the same for a row)."""
    if mechanism == ASEAN:
        return "ASEAN Summit"
    body = dataset.mechanisms.get(mechanism)
    return body.acronym if body else mechanism


def _partner_names(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """Each name of a country (casefolded) -> every name of that country, and 'Korea' for 'Republic of
    Korea': the partner of 'SOMTC+ROK' is also written 'SOMTC+Korea', of 'SOMTC+US' 'SOMTC+United States'."""
    partners: dict[str, tuple[str, ...]] = {}
    for country in dataset.countries.values():
        names = tuple(country.names) + tuple(n[len("Republic of "):] for n in country.names if n.startswith("Republic of "))
        for name in names:
            partners.setdefault(name.casefold(), names)
    return partners


def _with_plus_spelled(names: tuple[str, ...], partners: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A body's names, and each '+' name as the press spells it: 'DGICM+Australia' also as 'DGICM Plus
    Australia' and 'DGICM Australia', 'AMMTC+3' also as 'AMMTC Plus 3' and 'AMMTC Plus Three', and the
    partner by each of its names ('AMMTC+ROK' also as 'AMMTC+Korea' and 'AMMTC Plus Republic of Korea')."""
    spelled = []
    for name in names:
        head, plus, tail = name.partition("+")
        if not (plus and head and tail):
            continue
        tails = partners.get(tail.casefold(), (tail,))
        for other in dict.fromkeys((tail, *tails)):
            if other != tail:
                spelled.append(f"{head}+{other}")
            spelled.append(f"{head} Plus {other}")
            if other == "3":
                spelled.append(f"{head} Plus Three")
            elif not other[0].isdigit():  # 'AMMTC 3' would read as the 3rd AMMTC
                spelled.append(f"{head} {other}")
    return (*names, *dict.fromkeys(spelled))


def _with_treaty_of(names: list[str]) -> list[str]:
    """Short names, and 'Treaty of Bangkok' for 'Bangkok Treaty', as both are written."""
    return [*names, *(f"Treaty of {name[:-len(' Treaty')]}" for name in names
                      if name.endswith(" Treaty") and " " not in name[:-len(" Treaty")])]


def _plus_joined(text: str) -> str:
    """'AMMTC + Japan 1' as 'AMMTC+Japan 1': a '+' between spaces, as some pages write it."""
    return re.sub(r"\s*\+\s*", "+", " ".join(text.split()))


# Words before a name that are not part of it: 'Dr. Kao Kim Hourn', 'Dato Lim Jock Hoi', 'Pol Gen …'.
_HONORIFICS = frozenset({"dr", "dato", "datuk", "datin", "tan", "sri", "seri", "haji", "hj", "pehin", "he", "mr",
                         "mrs", "ms", "madam", "prof", "professor", "sir", "gen", "general", "lt", "col", "pol",
                         "maj", "adm", "admiral", "brig", "excellency", "his", "her", "yb", "yab", "datu"})


def _exact_id(dataset: Dataset, section: str, text: str) -> str | None:
    """`text` when it is the id of a record in `section`: the common case, without a name index."""
    return text if dataset.raw_record(section, text) is not None else None


# A country by its adjective as well as its names ('Vietnamese', 'Filipino', 'Thai'), as search reads them;
# 'Korean' names two countries and is left out.
_ADJECTIVES = {"bn": ("Bruneian",), "kh": ("Cambodian", "Khmer", "Kampuchea"), "id": ("Indonesian",),
               "la": ("Laotian",), "my": ("Malaysian",), "mm": ("Burmese",), "ph": ("Filipino", "Philippine"),
               "sg": ("Singaporean",), "th": ("Thai",), "tl": ("Timorese",), "vn": ("Vietnamese",),
               "au": ("Australian",), "cn": ("Chinese",), "in": ("Indian",), "jp": ("Japanese",),
               "ru": ("Russian",), "us": ("American",), "ca": ("Canadian",)}


def country_id(dataset: Dataset, text: str) -> str:
    return _exact_id(dataset, "countries", text) or _index(dataset, "country").lookup(text)


def mechanism_id(dataset: Dataset, text: str) -> str:
    return _exact_id(dataset, "mechanisms", text) or _index(dataset, "mechanism").lookup(_plus_joined(text))


def document_id(dataset: Dataset, text: str) -> str:
    """A document by its id ('seanwfz-treaty-1995'), its title, or a name its title gives in brackets
    ('ACTIP', 'TAC', 'Bangkok Treaty'); otherwise LookupFailed with the closest titles."""
    text = " ".join(text.split())
    found = _exact_id(dataset, "documents", text) or _exact_id(dataset, "documents", text.casefold())
    if found:
        return found
    try:
        return _index(dataset, "document").lookup(text)
    except LookupFailed:
        # words many titles share ('Treaty of Amity and Cooperation', in every accession's title too):
        # the one document whose own title begins with them, its bracketed short name aside
        wanted = fold(text)
        begins = [d.id for d in dataset.documents.values()
                  if re.sub(r"\s*\([^)]*\)", "", fold(d.title)).startswith(wanted)]
        if len(begins) == 1:
            return begins[0]
        raise


def person_id(dataset: Dataset, text: str) -> str:
    """A person by any full name (with or without diacritics), or by words only one person's name
    contains ("Shanmugam"); otherwise LookupFailed with the closest names, or with every person whose
    name has those words (names.NameIndex.lookup); a name after honorifics ('Dr. Kao Kim Hourn',
    'Dato Lim Jock Hoi') is read without them when the whole of it names no one."""
    index = _index(dataset, "person")
    try:
        return index.lookup(text)
    except LookupFailed as failed:
        words = fold(text).split()
        first = next((i for i, word in enumerate(words) if word not in _HONORIFICS), len(words))
        if first in (0, len(words)):  # no honorific before a name, or nothing but honorifics
            raise _office_named(dataset, text, words) or failed from None
        return index.lookup(" ".join(words[first:]))


def _office_named(dataset: Dataset, text: str, words: list[str]) -> LookupFailed | None:
    """When `text` names an office rather than a person ('Secretary-General'): the error that says so,
    with its latest holders on record (latest start first); None when no office title has its words."""
    held = [o for o in dataset.offices if words and all(w in fold(f"{o.title} {o.organization or ''}").split()
                                                       for w in words)]
    if not held:
        return None
    asked = " ".join(words)  # the title itself first ('Secretary-General of ASEAN', not its Deputy), latest first
    held.sort(key=lambda o: (fold(o.title) == asked, fold(o.title).startswith(asked), str(o.start or "")), reverse=True)
    names = list(dict.fromkeys(dataset.person_name(o.person) or o.person for o in held))[:3]
    return LookupFailed("person", text, names,
                        why=f"{text!r} is an office, not a person (`search {text!r}` lists its holders)")


def hosted_without_chair(dataset: Dataset, country: str, mechanisms=(), year=None, since=None, until=None,
                         stated_only: bool = False) -> list[Meeting]:
    """The meetings `country` hosted, within the other filters, that have no chair on record (with
    `stated_only`, none a source names): what a list of the meetings it chaired or led cannot hold."""
    return [m for body in mechanisms or [None]
            for m in meetings(dataset, mechanism=body, hosted_by=country, year=year, since=since, until=until)
            if (m.chair is None and not m.co_chairs) or (stated_only and m.chair_inferred)]


def meeting_id(dataset: Dataset, text: str) -> str:
    """The id of the meeting `text` names: its id (`ammtc-17`), or a body and an ordinal in either
    order ('AMMTC 17', '17th AMMTC', 'ASEANAPOL 43', 'AMMTC+3 13', 'ADMM Retreat 2025',
    'AMMTC Special', '1st ASEAN Informal Summit', 'AMMTC 2nd Special'); raises LookupFailed with the
    closest meetings of that body, or ids.

    Any run of the words may name the body (the longest that does is taken); the other words are the
    ordinal, in any order, without the words of the body's own names ('Summit', 'ASEAN') and 'meeting'."""
    text = _plus_joined(text)
    found, tried = _named_meeting(dataset, text)
    if found:
        return found
    whole = _index(dataset, "mechanism").get(text)
    if whole is not None:  # a body, no ordinal: its latest meetings
        acronym = dataset.mechanisms[whole].acronym
        latest = [m for m in meetings(dataset, mechanism=whole) if m.start][-3:]
        raise LookupFailed(f"{acronym} meeting", text, [f"{acronym} {ordinal_words(m.ordinal)}" for m in latest],
                           why=f"{text!r} names a body, not one of its meetings (`brief {acronym}` describes the body)")
    if tried is not None:
        body, of_body, wanted_text = tried
        acronym = meeting_name(dataset, body)
        ordinals = [m.ordinal for m in of_body]
        that_year = ([m.ordinal for m in of_body if m.start and str(m.start.year) == wanted_text]
                     or [m.ordinal for m in _of_kind_and_year(of_body, wanted_text.split(" "))])
        if that_year:  # a year of several meetings (or of several of one kind): each of them
            near = that_year
        elif wanted_text.isdigit():  # a number not on record: the numbers either side of it
            numbered = sorted((o for o in ordinals if o.isdigit()), key=lambda o: (abs(int(o) - int(wanted_text)), int(o)))
            near = sorted(numbered[:2], key=int) or ordinals[-3:]
        else:
            near = [o for o in ordinals if o.casefold().startswith(wanted_text)] or ordinals[-3:]
        raise LookupFailed(f"{acronym} meeting", text, [f"{acronym} {ordinal_words(o)}" for o in near])
    import difflib

    raise LookupFailed("meeting", text, difflib.get_close_matches(text.casefold(), list(dataset.meetings_by_id), n=3))


def named_body(dataset: Dataset, text: str) -> str | None:
    """The id of the body the whole of `text` names ('AMMTC+Korea', 'SOMTC Plus United States'), or None."""
    return _index(dataset, "mechanism").get(_plus_joined(text))


def named_meeting(dataset: Dataset, text: str) -> str | None:
    """The id of the meeting `text` names (as meeting_id reads it), or None: never an error."""
    return _named_meeting(dataset, _plus_joined(text))[0]


def _named_meeting(dataset: Dataset, text: str) -> tuple[str | None, tuple | None]:
    """(the id of the meeting `text` names or None, (body, its meetings, the ordinal asked) of the
    first body the words name, for the error's suggestions)."""
    by_id = dataset.meetings_by_id
    if text in by_id:
        return text, None
    if text.casefold() in by_id:  # 'AMMTC-19', as ids are written in prose
        return text.casefold(), None
    words = _split_number(text).split(" ")
    tried = None
    spans = sorted(((i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                    if j - i < len(words)), key=lambda span: (span[0] - span[1], span[0]))
    for i, j in spans:
        body = _index(dataset, "mechanism").get(" ".join(words[i:j]))
        if body is None:
            continue
        of_body = meetings(dataset, mechanism=body)  # in date order
        if not of_body:  # a body that does not meet as such: 'APSC 30' is its Council's 30th meeting
            body = _meeting_form(dataset, body) or body
            of_body = meetings(dataset, mechanism=body)
        body_words = _body_words(dataset, body)
        wanted = _ordinal_words(words[:i] + words[j:], body_words)
        if tried is None:
            tried = (body, of_body, " ".join(wanted))
        for meeting in of_body:  # both sides without the body's words: 'Special on Terrorism' has the AMMTC's 'on'
            if wanted and sorted(_ordinal_words(meeting.ordinal.split(" "), body_words)) == sorted(wanted):
                return meeting.id, tried
        # a year names a meeting numbered by its month ('ADMM Retreat 2018' is the retreat of 2018-02),
        # or the one meeting of a numbered series held that year ('ADMM 2016' is the 10th)
        year = wanted[0] if len(wanted) == 1 and _is_year(wanted[0]) else None
        in_year = [m for m in of_body if year and m.ordinal.startswith(f"{year}-")] or [
            m for m in of_body if year and m.start and m.start.year == int(year)]
        if len(in_year) == 1:
            return in_year[0].id, tried
        of_kind = _of_kind_and_year(of_body, wanted)  # 'AMM Retreat 2024' is the AMM's retreat-2024-01
        if len(of_kind) == 1:
            return of_kind[0].id, tried
        at = _at_place_in_year(of_body, wanted)  # 'Bali Summit 2003' is the Summit held in Bali in 2003
        if len(at) == 1:
            return at[0].id, tried
    if "+" in text and not text.endswith("+"):  # 'ADMM+11': the body 'ADMM+', the 11th
        head, _, tail = text.rpartition("+")
        if tail.isdigit() and head:
            return _named_meeting(dataset, f"{head}+ {tail}")[0], tried
    return None, tried


def _is_year(word: str) -> bool:
    """'2024' as an ordinal's word is a year, not a number of a series."""
    return len(word) == 4 and word.isdigit()


def _of_kind_and_year(of_body: list[Meeting], wanted: list[str]) -> list[Meeting]:
    """The meetings whose ordinal is a kind and a date ('retreat-2024-01', 'pre-summit-2023-09') that
    `wanted` names by the kind's words and the year ('retreat 2024', 'pre-summit 2023')."""
    words = sorted(part for word in wanted for part in word.split("-") if part)
    if not any(_is_year(w) for w in words) or len(words) < 2:
        return []
    found = []
    for meeting in of_body:
        parts = meeting.ordinal.casefold().split("-")
        year = next((i for i, part in enumerate(parts) if _is_year(part)), None)
        if year and words in (sorted(parts[:year + 1]), sorted(parts)):  # with or without the month
            found.append(meeting)
    return found


def _at_place_in_year(of_body: list[Meeting], wanted: list[str]) -> list[Meeting]:
    """The meetings held in the year `wanted` names, in the city its other words name ('bali 2003')."""
    years = [w for w in wanted if _is_year(w)]
    place = [w for w in wanted if w not in years]
    if len(years) != 1 or not place:
        return []
    return [m for m in of_body if m.start and str(m.start.year) == years[0] and m.city
            and all(w in fold(m.city).split() for w in place)]


_FILLER = frozenset({"meeting", "meetings", "conference", "the", "of", "no.", "no"})

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS = ("twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth")
_TENS_STEM = ("twenty", "thirty", "forty", "fifty", "sixty")
# 'Third ASEAN Summit', 'Fifty-Eighth AMM': ordinals written out, first to sixty-ninth
_ORDINAL_WORDS = {**{w: str(n) for n, w in enumerate(_UNITS, 1)}, **{w: str(n) for n, w in enumerate(_TEENS, 10)},
                  **{w: str(n) for n, w in zip(range(20, 70, 10), _TENS)},
                  **{f"{stem}-{unit}": str(tens + n) for tens, stem in zip(range(20, 70, 10), _TENS_STEM)
                     for n, unit in enumerate(_UNITS, 1)}}


def _meeting_form(dataset: Dataset, body: str) -> str | None:
    """The one body named after `body` that meets ('APSC Council' for the APSC), or None."""
    acronym = dataset.mechanisms[body].acronym.casefold() + " "
    named = [m.id for m in dataset.mechanisms.values() if m.acronym.casefold().startswith(acronym)]
    return named[0] if len(named) == 1 else None


def _split_number(text: str) -> str:
    """'AMMTC17' -> 'AMMTC 17': a number run on to a name's letters ('AMMTC+3' keeps its '+3')."""
    out = []
    for i, ch in enumerate(text):
        if ch.isdigit() and i and text[i - 1].isalpha():
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _body_words(dataset: Dataset, body: str) -> set[str]:
    """The words of a body's id, acronym, name and aliases (folded): 'ASEAN', 'Summit' for the Summit."""
    mechanism = dataset.mechanisms[body]
    names = [mechanism.id, mechanism.acronym, mechanism.name, *mechanism.aliases]
    return {word for name in names for word in name.casefold().replace("(", " ").replace(")", " ").split()}


def _ordinal_words(words: list[str], leave_out) -> list[str]:
    """The words of an ordinal, folded, '17th' as '17', without `leave_out` and filler words."""
    folded = [_ordinal_word(word) for word in words]
    return [word for word in folded if word and word not in leave_out and word not in _FILLER]


def _ordinal_word(word: str) -> str:
    """'17th' -> '17', '2nd' -> '2'; other words as they are (folded)."""
    word = word.casefold().strip("'’")  # "Leaders' Meeting" as 'Leaders Meeting'
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    for suffix in ("st", "nd", "rd", "th"):
        if word.endswith(suffix) and word[:-len(suffix)].isdigit():
            return word[:-len(suffix)]
    return word


def name_index(dataset: Dataset, kind: str) -> NameIndex:
    return _index(dataset, kind)


# --- the ASEAN chair and the bodies that follow it ---------------------------------------

def members_in(dataset: Dataset, year: int) -> list[str]:
    """Member states on 1 January of `year`, in the Charter's alphabetical order of English names."""
    first_day = dt.date(year, 1, 1)
    members = [c for c in dataset.countries.values() if c.member_since and c.member_since.first_day <= first_day]
    return [c.id for c in sorted(members, key=lambda c: c.name.casefold())]


def follows_asean(dataset: Dataset, mechanism: str) -> bool:
    """Whether the body's chair is the ASEAN chair's (itself, by its rule, or by its parent's)."""
    seen = set()
    while mechanism not in seen:
        seen.add(mechanism)
        if mechanism == ASEAN:
            return True
        body = dataset.mechanisms.get(mechanism)
        if body is None or body.chair_rule is None:
            return False
        if body.chair_rule is ChairRule.FOLLOWS_ASEAN_CHAIR:
            return True
        if body.chair_rule is not ChairRule.FOLLOWS_PARENT or not body.parent:
            return False
        mechanism = body.parent
    return False


def chair_year_on(dataset: Dataset, day: dt.date) -> int:
    """The year whose ASEAN chair held the chairmanship on `day`: the calendar year, or the year
    before when that year's chair took over later in it (`since`: Thailand on 24 July 2008)."""
    recorded = dataset.asean_chair.get(day.year)
    return day.year - 1 if recorded and recorded.since and day < recorded.since.first_day else day.year


def asean_chair(dataset: Dataset, year: int) -> ChairAnswer | None:
    """The recorded chair for `year`; for a later year no source confirms, the Charter Art. 31
    projection from the nearest recorded year before it.

    None for an unrecorded year up to the last year held: unknown stays unknown.
    """
    recorded = dataset.asean_chair.get(year)
    if recorded:
        return ChairAnswer(year, ASEAN, recorded.country, recorded.status.value, recorded.basis,
                           recorded.note, recorded.sources, last_verified=recorded.last_verified)
    held = [y for y, c in dataset.asean_chair.items() if c.status is ChairStatus.HELD]
    earlier = [y for y in dataset.asean_chair if y < year]
    if not earlier or (held and year <= max(held)):
        return None  # a past gap stays unknown: early years followed no simple rotation
    last = max(earlier)
    country = dataset.asean_chair[last].country
    for projected_year in range(last + 1, year + 1):
        order = members_in(dataset, projected_year)
        if not order:
            return None
        country = _next_in(order, country, dataset)
    note = (f"Projected by the Charter's Article 31 rule (alphabetical order of English names) "
            f"from the {last} chair; no source confirms it.")
    # the sources of the rule projected, and of the year it starts from: no source names this year's chair
    rule = dataset.mechanisms[ASEAN].chair_rule_sources if ASEAN in dataset.mechanisms else ()
    return ChairAnswer(year, ASEAN, country, ChairStatus.PROJECTED.value, "rotation", note,
                       tuple(dict.fromkeys(rule + dataset.asean_chair[last].sources)))


def _next_in(order: list[str], current: str, dataset: Dataset) -> str:
    if current in order:
        return order[(order.index(current) + 1) % len(order)]
    name = (dataset.country_name(current) or current).casefold()
    later = [c for c in order if (dataset.country_name(c) or c).casefold() > name]
    return later[0] if later else order[0]


INFERRED = "inferred"  # a chair that follows from a rule, not from a record of that body


def chair(dataset: Dataset, year: int, mechanism: str = ASEAN) -> ChairAnswer | None:
    """Who chairs `mechanism` in `year`: the chair of its meeting that year when one is recorded;
    else by its chair rule, marked `inferred` (or `projected`, when what it follows is projected).

    A rule a source states (`chair_rule_sources`) is applied to any year. A rule no source states
    (the AMMTC following the ASEAN chair is a pattern with exceptions) is applied only to a year
    whose ASEAN chair has not begun: for a past year it would pass a pattern off as a record.
    """
    if mechanism == ASEAN:
        return asean_chair(dataset, year)
    body = dataset.mechanisms[mechanism]
    rule = body.chair_rule
    held = [m for m in meetings(dataset, mechanism=mechanism, year=year) if m.chair or m.co_chairs]
    if held:
        meeting = max(enumerate(held), key=_year_meeting)[1]
        seat = meeting.chair or meeting.co_chairs[0]
        shared = () if meeting.chair else tuple(meeting.co_chairs)
        label = f"{meeting_name(dataset, mechanism)} {meeting.ordinal}"
        held_ = meeting.status == "held"
        pending = f"{meeting.status}, not reported held yet"  # the year's chair may be held while its meeting is not
        role = f"chair of {label}" if held_ else f"to chair {label}, {pending}"
        if len(shared) > 1:  # co-chaired: the answer names its first co-chair, the basis all the others
            others = " and ".join(dataset.country_name(s.country) or s.country for s in shared[1:])
            role = f"co-chair of {label} with {others}" if held_ else f"to co-chair {label} with {others}, {pending}"
        if meeting.chair_inferred:
            status, basis = INFERRED, f"{role} (inferred from the body's rule)"
        else:
            status = ChairStatus.HELD.value if held_ else ChairStatus.CONFIRMED.value
            basis = role
        sources = meeting.sources + dataset.rule_sources(meeting)
        return ChairAnswer(year, mechanism, seat.country, status, basis,
                           body.chair_note, sources, seat.person, meeting.last_verified, shared)
    if body.founded and body.founded.year > year:
        return None  # a rule gives no chair for a year before the body existed (the ADMM of 1992)
    if rule is ChairRule.FOLLOWS_PARENT and body.parent:
        parent = dataset.mechanisms.get(body.parent)
        return _following(body, year, chair(dataset, year, body.parent),
                          f"follows {parent.acronym if parent else body.parent}")
    if rule is ChairRule.FOLLOWS_ASEAN_CHAIR:
        return _following(body, year, asean_chair(dataset, year), "follows the ASEAN chair")
    return _unknown(body, year)


def _year_meeting(item: tuple[int, Meeting]) -> tuple:
    """Which of a year's chaired meetings answers for the year's chair: one whose chair a source names
    before one inferred from a rule, then a numbered meeting of the series (the 57th AMM, not an
    informal consultation), then one that names the chair person, then the latest."""
    position, meeting = item
    seat = meeting.chair or (meeting.co_chairs[0] if meeting.co_chairs else None)
    return (not meeting.chair_inferred, meeting.ordinal.isdigit(), bool(seat and seat.person), position)


def _following(body, year: int, followed: ChairAnswer | None, label: str) -> ChairAnswer | None:
    """The chair `body` takes from the chair it follows: inferred (projected when that is), from a
    sourced rule for any year, from an unsourced one only for a year whose chair has not begun."""
    if followed is None:
        return None
    sourced = bool(body.chair_rule_sources)
    if not followed.country or not (sourced or followed.status in (
            ChairStatus.CONFIRMED.value, ChairStatus.PROJECTED.value, INFERRED)):
        return _unknown(body, year)
    status = ChairStatus.PROJECTED.value if followed.status == ChairStatus.PROJECTED.value else INFERRED
    basis = label if sourced else f"{label}{PATTERN}"
    sources = (body.chair_rule_sources if sourced else body.sources) + followed.sources
    return ChairAnswer(year, body.id, followed.country, status, basis, body.chair_note, sources,
                       last_verified=followed.last_verified)


PATTERN = " (a pattern of its past chairs, not a rule a source states)"  # an unsourced rule, for years to come


def _unknown(body, year: int) -> ChairAnswer:
    return ChairAnswer(year, body.id, None, "unknown", body.chair_rule.value,
                       body.chair_note or "no record of this body's chair for that year", body.sources)


def chair_as_of(dataset: Dataset, year: int, mechanism: str, as_of: dt.date) -> ChairAnswer | None:
    """Who chairs `mechanism` in `year`, seen from `as_of`.

    The body's own rule first (chair()); for a host-rotation body the host of that year's
    meeting; then a recorded chair role. A recorded chair is `held` once its year has begun and
    `confirmed` before; a role with no dates is only `attested`.
    """
    answer = chair(dataset, year, mechanism)
    if answer is None or answer.country is None:
        answer = _chair_from_host_or_role(dataset, year, mechanism) or _chair_kept(dataset, year, mechanism, as_of) \
            or answer
    elif dataset.chair_rule_role(mechanism):
        # a body whose chairs hold terms (`chair_rule_role`): a term on record names the year's co-chairs,
        # held, where its meetings' co-chairs are only inferred from that same term, or where a meeting of
        # the year names one of the pair as its chair (the pair is the answer, with that meeting's chair)
        term = _chair_from_role(dataset, year, mechanism)
        if term is not None and answer.status == INFERRED:
            answer = term
        elif term is not None and not answer.co_chairs and any(seat.country == answer.country for seat in term.co_chairs):
            # the meeting's chair keeps the first seat (and the answer's country); the term adds its partner
            seats = (Seat(answer.country or "", answer.person),
                     *(seat for seat in term.co_chairs if seat.country != answer.country))
            name = dataset.country_name(term.country) or term.country
            basis = f"{answer.basis}; the term on record: {name}, {term.basis}"
            sources = tuple(dict.fromkeys(answer.sources + term.sources))
            answer = replace(answer, basis=basis, sources=sources, co_chairs=seats, note=answer.note or term.note)
    if answer is not None and answer.status == INFERRED and answer.basis.endswith(PATTERN) and year <= as_of.year:
        # a pattern no source states is applied only to a year that has not begun on the day asked
        return _unknown(dataset.mechanisms[mechanism], year)
    if answer is not None and answer.status == INFERRED and answer.basis.startswith("follows") \
            and follows_asean(dataset, mechanism):
        # inferred from the ASEAN chair: known no earlier than that chair is (2008's, on 1 March 2008)
        followed = seen_from(dataset, asean_chair(dataset, year), as_of)
        if followed is not None and followed.status == LATER:
            return replace(answer, status=LATER)
    if answer is not None and answer.country and mechanism != ASEAN and answer.year >= as_of.year \
            and answer.status in (ChairStatus.HELD.value, ChairStatus.CONFIRMED.value, INFERRED):
        before = _before_its_meeting(dataset, answer, as_of)
        if before is not answer:  # its status is said as of that day already
            return before
    return seen_from(dataset, answer, as_of)


def _before_its_meeting(dataset: Dataset, answer: ChairAnswer, as_of: dt.date) -> ChairAnswer:
    """A body's chair for a year, seen from before every chaired meeting of that year: a chair taken at
    the year's meeting (`chair_until_next_meeting`) is still to come; and, seen from before the data's own
    date, a chair known only from that meeting's record (or inferred from what a later record gives) is
    `later`, unless one of its sources was published by then."""
    at_meeting = dataset.holds_chair_until_next_meeting(answer.mechanism)
    if not at_meeting and not dataset.before_its_date(as_of):  # nothing later than the data to mark
        return answer
    met = [m for m in meetings(dataset, mechanism=answer.mechanism)
           if m.start and m.start.year == answer.year and m.status != "cancelled"]
    if not met or met[0].start.first_day <= as_of:  # type: ignore[union-attr]
        return answer
    # what the year's meetings' own records say was known by then (a rule's sources are older than its use)
    known = not dataset.before_its_date(as_of) or _published_by(dataset, [s for m in met for s in m.sources], as_of)
    if not known:
        return replace(answer, status=LATER)
    if answer.status == ChairStatus.HELD.value and at_meeting:
        return replace(answer, status=ChairStatus.CONFIRMED.value)
    return answer


LATER = "later"  # seen from a past date: a chair recorded only from pages published after it


def _chair_kept(dataset: Dataset, year: int, mechanism: str, as_of: dt.date) -> ChairAnswer | None:
    """A year with no meeting of a body whose chair holds it until the next meeting
    (`chair_until_next_meeting`): the chair of the last meeting before it, inferred from the rule, when the
    next meeting on record is the next of the series (ASEANAPOL 39 in 2019, 40 in March 2022: none met in
    2020 or 2021). A gap in the series may hide a meeting, so then none."""
    if as_of.year < year:
        return None
    found = _between(dataset, mechanism, min(dt.date(year, 12, 31), as_of))
    if found is None:
        return None
    last, following = found
    if following is None or not _next_of(last, following) or (following.start and following.start.year <= year):
        return None
    hindsight = following.start is not None and following.start.first_day > as_of and dataset.before_its_date(as_of)
    return _kept(dataset, mechanism, last, following, year, hindsight, min(dt.date(year, 12, 31), as_of))


def chair_between_meetings(dataset: Dataset, mechanism: str, as_of: dt.date) -> ChairAnswer | None:
    """Who holds the chair of a body whose chair holds it from one meeting to the next
    (`chair_until_next_meeting`, as its rule's sources state) on `as_of`, when that year's meeting is
    not held yet: the chair of the last meeting held, inferred from the rule. None when the body has no
    such rule, or its last meeting held is of `as_of`'s year (the year's chair is then the answer)."""
    found = _between(dataset, mechanism, as_of)
    if found is None:
        return None
    last, following = found
    if following is not None and not _next_of(last, following):
        return None  # a gap in the series: a meeting not on record may have passed the chair on
    hindsight = following is not None and following.start is not None and following.start.first_day > as_of \
        and dataset.before_its_date(as_of)
    # the chair's own year (2025 for the chair of the 43rd, held over into 2026): `chair 2026` is the next one's
    assert last.start is not None
    return _kept(dataset, mechanism, last, following, last.start.year, hindsight, as_of)


def _next_of(last: Meeting, following: Meeting) -> bool:
    """Whether `following` is the meeting numbered after `last` (no meeting of the series between them)."""
    return last.ordinal.isdigit() and following.ordinal.isdigit() and int(following.ordinal) == int(last.ordinal) + 1


def _between(dataset: Dataset, mechanism: str, as_of: dt.date) -> tuple[Meeting, Meeting | None] | None:
    """The last meeting held by `as_of`, chaired, of an earlier year, and the meeting after it on record
    (None: none on record), for a body whose chair holds it until the next meeting; else None."""
    if not dataset.holds_chair_until_next_meeting(mechanism):
        return None
    own = [m for m in meetings(dataset, mechanism=mechanism) if m.status != "cancelled"]
    held = [m for m in own if m.start and m.status == "held" and m.start.last_day <= as_of]
    last = held[-1] if held else None
    if last is None or last.start is None or last.chair is None or last.start.year >= as_of.year:
        return None
    pending = [m for m in own if m.start and meeting_order(m) > meeting_order(last)]
    return last, (pending[0] if pending else None)


def _kept(dataset: Dataset, mechanism: str, last: Meeting, following: Meeting | None, year: int,
          hindsight: bool = False, as_of: dt.date | None = None) -> ChairAnswer:
    body = dataset.mechanisms[mechanism]
    name = meeting_name(dataset, mechanism)
    if following is None:
        until = "until the next meeting is held"
    elif following.status == "held" and hindsight:  # seen from a past day: the next meeting, held after it
        until = f"until {name} {following.ordinal} (held {following.start}, recorded later)"
    elif following.status == "held":
        until = f"until {name} {following.ordinal} ({following.start})"
    else:
        until = f"until {name} {following.ordinal} is held ({following.status}, not reported held yet)"
    chair, began = last.chair, last.start
    assert chair is not None and began is not None
    basis, person = f"chair of {name} {last.ordinal} ({began.year}), {until}", chair.person
    left = _left_office(dataset, chair.person, chair.country, as_of) if chair.person and as_of else None
    if left is not None:  # the chairmanship stays with the post (the host's chief of police), not the person
        basis += f"; {dataset.person_name(chair.person)}, who chaired it, left office {left}"
        person = None
    # an answer that waits on a meeting not yet reported held can still change: its record's check date
    verified = following.last_verified if following is not None and following.status != "held" else last.last_verified
    return ChairAnswer(year, mechanism, chair.country, INFERRED, basis, body.chair_note,
                       last.sources + body.chair_rule_sources, person=person, last_verified=verified)


def _left_office(dataset: Dataset, person: str, country: str, as_of: dt.date):
    """The end of the person's last office in `country`, when every office of theirs there had ended by
    `as_of` (None when one is still held, or none is on record)."""
    held = [o for o in dataset.offices_near(people={person}) if o.person == person and o.country == country]
    if not held or any(o.end is None or o.end.last_day >= as_of for o in held):
        return None
    last = max(held, key=lambda o: o.end.sort_key() if o.end else (0, 0, 0))
    return f"{last.end}" + (" (worked out, not printed in the sources)" if "end" in last.derived else "")


def seen_from(dataset: Dataset, answer: ChairAnswer | None, as_of: dt.date) -> ChairAnswer | None:
    """A recorded chair as `as_of` saw it: `held` once its year has begun, `confirmed` before. Seen
    from a date before the data's own, a year to come is `confirmed` only when one of its sources was
    published by then, else `later`: the data knows it from pages written after that date, and what
    was known then is not on record."""
    if answer is None or answer.status not in (ChairStatus.HELD.value, ChairStatus.CONFIRMED.value):
        return answer
    recorded = dataset.asean_chair.get(answer.year) if answer.mechanism == ASEAN else None
    later_that_year = bool(recorded and recorded.since and as_of < recorded.since.first_day)  # 2008 before July
    if answer.year < as_of.year or (answer.year == as_of.year and not later_that_year):
        return replace(answer, status=ChairStatus.HELD.value)
    naming = recorded.confirmed_by if recorded and recorded.confirmed_by else answer.sources
    if dataset.before_its_date(as_of) and not _published_by(dataset, naming, as_of):
        return replace(answer, status=LATER)
    return replace(answer, status=ChairStatus.CONFIRMED.value)


def earliest_source(dataset: Dataset, source_ids) -> PartialDate | None:
    """The earliest publication date among the sources, or None when none is dated."""
    dated = [PartialDate.parse(str(s.published)) for s in map(dataset.source, source_ids) if s and s.published]
    return min(dated, key=lambda d: d.sort_key(), default=None)


def _published_by(dataset: Dataset, source_ids, as_of: dt.date) -> bool:
    """Whether one of the sources was surely published by `as_of` ('2024' only from the last day of 2024)."""
    day = str(as_of)
    return any(source and source.published and _last_day(str(source.published)) <= day
               for source in (dataset.source(i) for i in source_ids))


def _last_day(published: str) -> str:
    """'2024' -> '2024-12-31', '2024-09' -> '2024-09-31' (compared as text, never parsed), a day as it is."""
    return published + "-12-31"[len(published) - 4:]


def _chair_from_host_or_role(dataset: Dataset, year: int, mechanism: str) -> ChairAnswer | None:
    return _chair_from_host(dataset, year, mechanism) or _chair_from_role(dataset, year, mechanism)


def _chair_from_host(dataset: Dataset, year: int, mechanism: str) -> ChairAnswer | None:
    """The host of the year's meeting, for a body whose sourced rule is that the host chairs."""
    body = dataset.mechanisms[mechanism]
    if body.chair_rule is ChairRule.HOST_ROTATION and body.chair_rule_sources:  # a rule a source states
        hosted = [m for m in meetings(dataset, mechanism=mechanism, year=year)
                  if m.host and m.status != "cancelled"]
        if hosted:
            meeting = hosted[-1]
            return ChairAnswer(year, mechanism, meeting.host, INFERRED, f"hosts {meeting.id}",
                               body.chair_note, meeting.sources + body.chair_rule_sources,
                               last_verified=meeting.last_verified)
    return None


def _chair_from_role(dataset: Dataset, year: int, mechanism: str) -> ChairAnswer | None:
    """The holder of a chair or co-chair role of the body (or of the roles its `chair_rule_role`
    names) whose term covers the year: held (a source states the term), with its partner; a term
    that begins or ends within the year says so, and so does another pair's term covering it too."""
    body = dataset.mechanisms[mechanism]
    if body.founded and body.founded.year > year:
        return None
    roles = _body_roles(dataset, mechanism)
    for role in roles:
        if role.start is not None or role.end is not None:
            continue
        # an undated role: attested from the year of its earliest dated source (never before: a source of
        # 2023 does not show who held it in 2010), and only where no dated term covers the year
        first = earliest_source(dataset, role.sources)
        if first is None or year < first.year or any(_covers(o, year) for o in roles if o.start or o.end):
            continue
        pair = (Seat(role.country), Seat(role.partner)) if role.partner else ()
        return ChairAnswer(year, mechanism, role.country, "attested",
                           f"{role.role.replace('_', '-')} role, undated (attested from {first.year})", role.note,
                           role.sources, last_verified=role.last_verified, co_chairs=pair)
    for role in roles:
        if role.start is None and role.end is None:
            continue
        if _covers(role, year):
            basis = f"role: {role.subject}"
            # a term that begins or ends within the year covers only part of it: say which part
            part = [f"from {role.start}" if role.start and role.start.year == year and role.start.month else "",
                    f"until {role.end}" if role.end and role.end.year == year and role.end.month else ""]
            if any(part):
                basis += ", " + " ".join(p for p in part if p)
            term = (role.start, role.end)
            pair = [role.partner] if role.partner else [o.country for o in roles if o is not role
                                                        and (o.start, o.end) == term]
            partners = [dataset.country_name(c) or c for c in pair if c]
            if partners:
                basis = f"{role.role.replace('_', '-')} with {' and '.join(partners)} ({basis})"
            others = list(dict.fromkeys(o.country for o in roles if (o.start, o.end) != term
                                        and o.country not in pair and o.country != role.country
                                        and _covers(o, year)))
            if others:  # a term ending and the next beginning in the same year
                names = " and ".join(dataset.country_name(c) or c for c in others)
                basis += f"; {names} also held it in {year}, in another term"
            seats = (Seat(role.country), *(Seat(c) for c in pair if c)) if pair else ()  # every co-chair of the term
            return ChairAnswer(year, mechanism, role.country, ChairStatus.HELD.value, basis,
                               role.note, role.sources, last_verified=role.last_verified, co_chairs=seats)
    return None


def _body_roles(dataset: Dataset, mechanism: str) -> list:
    """The chair and co-chair roles of a body: those recorded for it, and those its chair rule names
    (`chair_rule_role`: the SOM-DOC's co-chairs for its working group)."""
    wanted = dataset.chair_rule_role(mechanism)
    return [role for role, raw in zip(dataset.roles, dataset.raw["roles"]) if role.role in ("chair", "co_chair")
            and (role.mechanism == mechanism or names_role(wanted, raw))]


def _covers(role, year: int) -> bool:
    """Whether a role's term covers the year: from its start to its end, either open; a term with
    an end but no start covers only its last year (how far back it reaches is not on record)."""
    if role.start is None:
        return role.end is not None and role.end.year == year
    return role.start.year <= year and (role.end is None or role.end.year >= year)


def resolve_year(word: str, as_of: dt.date, current: int | None = None) -> int:
    """'current', 'next', 'previous' (relative to `current`, by default the year of `as_of`) or a
    year like '2027'."""
    relative = {"current": 0, "this": 0, "now": 0, "next": 1, "previous": -1, "last": -1}
    key = word.strip().lower()
    if key in relative:
        return (as_of.year if current is None else current) + relative[key]
    if key.isascii() and key.isdigit() and 1 <= len(key) <= 4:
        return int(key)
    raise ValueError(f"{word!r} is not a year: give YYYY, current, next or previous")


# --- meetings ----------------------------------------------------------------------------

def meeting_order(meeting: Meeting):
    """The sort key of a list of meetings: date, body, ordinal, id."""
    start = meeting.start.sort_key() if meeting.start else (9999, 0, 0)
    ordinal = int(meeting.ordinal) if meeting.ordinal.isdigit() else 0
    return (start, meeting.mechanism, ordinal, meeting.id)


def attended(dataset: Dataset, meeting: Meeting, country: str) -> bool:
    """The country was there: a seat, a delegation, the host, or every member when all attended."""
    if country == meeting.host or country in meeting.leaders:
        return True
    if any(p.country == country for p in meeting.participants):
        return True
    if meeting.all_members_attended and meeting.start:
        member = dataset.countries.get(country)
        return bool(member and member.is_member_on(meeting.start.first_day))
    return False


def meetings(dataset: Dataset, *, mechanism: str | None = None, chaired_by: str | None = None,
             hosted_by: str | None = None, attended_by: str | None = None, led_by: str | None = None,
             year: int | None = None, since: dt.date | None = None, until: dt.date | None = None,
             stated_only: bool = False) -> list[Meeting]:
    """Meetings matching every filter given (ids, not names), in date order.

    A chair inferred from the body's sourced rule counts as the chair (`chair_basis` "rule");
    `stated_only` drops inferred chairs first, so only chairs a source names are seen.
    """
    candidates = dataset.meetings_at(dataset.meeting_positions(
        mechanism, chaired_by=chaired_by, hosted_by=hosted_by, led_by=led_by, attended_by=attended_by))
    if stated_only:
        candidates = [m.stated_only() for m in candidates]
    found = []
    for meeting in candidates:
        if mechanism and meeting.mechanism != mechanism:
            continue
        if chaired_by and not (meeting.chair and meeting.chair.country == chaired_by):
            continue
        if hosted_by and (meeting.host or meeting.held_in) != hosted_by:
            continue
        if led_by and led_by not in meeting.leaders:
            continue
        if attended_by and not attended(dataset, meeting, attended_by):
            continue
        if year is not None or since or until:
            if meeting.start is None:
                continue
            end = meeting.end or meeting.start
            if year is not None and not (meeting.start.year <= year <= end.year):
                continue
            if since and end.last_day < since:
                continue
            if until and meeting.start.first_day > until:
                continue
        found.append(meeting)
    return sorted(found, key=meeting_order)

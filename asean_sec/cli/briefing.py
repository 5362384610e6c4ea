"""The briefing commands: brief, country, person, timeline, search, mechanisms, crimes, documents.

Each is thin: parse -> state.dataset -> briefing.<question>() -> briefing_views.<report>() -> emit.
Registered in `COMMANDS` (cli/app.py).
"""

from __future__ import annotations

import click

from asean_sec.cli import completion
from asean_sec.cli.support import (
    DateType,
    check_span,
    command,
    emit,
    list_options,
    list_options_with,
    output_options,
    pass_state,
)


@command()
@click.argument("mechanism", shell_complete=completion.mechanisms)
@output_options
@pass_state
def brief(state, mechanism, fmt, color, cite):
    """One screen on a body, with sources.

    What it is, parent and subsidiaries, founding year and document, how its chair is chosen,
    this year's and next year's chair (with status), the last meeting (date, place, chair,
    documents adopted) and the next one, partner formats (AMMTC+3 …), priority areas.

    MECHANISM is an id, acronym or name (AMMTC, ammtc-plus-3, "AMMTC+3", ASEANAPOL).
    "Current", "last" and "next" are as on --as-of.

    \b
    Examples:
      asean-sec brief AMMTC
      asean-sec --as-of 2024-12-31 brief AMMTC --format markdown
      asean-sec brief ASEANAPOL --format json
    """
    from asean_sec.output.views import bodies as bodies_views
    from asean_sec.questions import bodies, query

    dataset = state.dataset
    answer = bodies.brief(dataset, query.mechanism_id(dataset, mechanism), state.as_of)
    emit(bodies_views.brief_report(dataset, answer), fmt, color, cite)


@command()
@click.argument("name", shell_complete=completion.countries)
@click.option("--stated-only", is_flag=True,
              help="Only chairs a source names: leave out chairs inferred from a body's sourced chair rule.")
@output_options
@pass_state
def country(state, name, stated_only, fmt, color, cite):
    """A country's dossier, with sources.

    Membership, ASEAN chair years past and ahead, posts held (coordinator, lead shepherd,
    chair, host), meetings chaired, co-chaired or hosted, office holders in office on --as-of,
    and the heads of its delegations at recent meetings.

    NAME is a name, alias or code, with or without diacritics (Viet Nam, vietnam, VN, Việt Nam).

    \b
    Examples:
      asean-sec country "Viet Nam"
      asean-sec country laos --format markdown > laos.md
      asean-sec --as-of 2024-12-31 country PH --format json
      asean-sec country Myanmar --stated-only
    """
    from asean_sec.output.views import people as people_views
    from asean_sec.questions import people, query

    dataset = state.dataset
    answer = people.country_dossier(dataset, query.country_id(dataset, name), state.as_of, stated_only)
    emit(people_views.country_report(dataset, answer), fmt, color, cite)


@command()
@click.argument("name", shell_complete=completion.people)
@output_options
@pass_state
def person(state, name, fmt, color, cite):
    """A person's offices and meetings, with sources.

    Offices with dates and their status on --as-of (in office, ended, superseded, or only
    attested at meetings), and the meetings the person attended, chaired or spoke at.

    NAME is a full name or any word of it only one person has, with or without diacritics
    ("Luong Tam Quang", "Lương Tam Quang", Shanmugam).

    \b
    Examples:
      asean-sec person "Luong Tam Quang"
      asean-sec person "Sar Kheng" --format markdown
      asean-sec --as-of 2020-01-01 person "To Lam" --format json
    """
    from asean_sec.output.views import people as people_views
    from asean_sec.questions import people, query

    dataset = state.dataset
    answer = people.person_profile(dataset, query.person_id(dataset, name), state.as_of)
    emit(people_views.person_report(dataset, answer), fmt, color, cite)


@command()
@click.option("--mechanism", "-m", shell_complete=completion.mechanisms,
              help="Only this body's meetings, documents and founding.")
@click.option("--country", "-c", metavar="COUNTRY", shell_complete=completion.countries,
              help="Only what concerns this country: meetings it attended, its chair years, offices, posts.")
@click.option("--since", type=DateType(partial=True), help="On or after this date (YYYY[-MM[-DD]] or 'today').")
@click.option("--until", type=DateType(partial=True, end=True), help="On or before this date.")
@list_options
@output_options
@pass_state
def timeline(state, mechanism, country, since, until, fmt, color, cite):
    """Everything dated, grouped by year.

    Meetings, documents, ASEAN chairs, foundings, accessions, offices taken and left, posts;
    oldest first. Events after --as-of are marked upcoming.

    \b
    Examples:
      asean-sec timeline --mechanism AMMTC --since 2020
      asean-sec timeline --country "Viet Nam" --since 2023 --until 2024
      asean-sec timeline --since 2025 --format json
    """
    from asean_sec.output.views import timeline as timeline_views
    from asean_sec.questions import query, timeline

    check_span(since, until)
    dataset = state.dataset
    body = query.mechanism_id(dataset, mechanism) if mechanism is not None else None
    place = query.country_id(dataset, country) if country else None
    events = timeline.timeline(dataset, state.as_of, mechanism=body, country=place, since=since, until=until)
    asked = " ".join(p for p in (f"of {dataset.mechanisms[body].acronym}" if body else "",
                                 f"for {dataset.country_name(place)}" if place else "",
                                 f"since {since}" if since else "", f"until {until}" if until else "") if p)
    emit(timeline_views.timeline_report(dataset, events, asked, state.as_of), fmt, color, cite)


@command()
@click.argument("text", nargs=-1, required=True)
@list_options_with(limit=20)
@output_options
@pass_state
def search(state, text, fmt, color, cite):
    """Full-text search over every record, best match first.

    Names, places, people, outcomes and notes; case and diacritics are ignored ("Luong" finds
    "Lương") and every word must match. A match in a name ranks above one in a note.

    \b
    Examples:
      asean-sec search scam
      asean-sec search Luong
      asean-sec search labuan bajo --format json
    """
    from asean_sec.output.views import search as search_views
    from asean_sec.questions import search

    words = " ".join(text)
    hits = search.search(state.dataset, words)
    emit(search_views.search_report(state.dataset, hits, words), fmt, color, cite)


@command()
@click.argument("root", required=False, metavar="[MECHANISM]", shell_complete=completion.mechanisms)
@click.option("--year", type=click.IntRange(1, 9999), help="Chairs of this year (default: the --as-of year).")
@output_options
@pass_state
def mechanisms(state, root, year, fmt, color, cite):
    """The tree of bodies, with each one's chair.

    AMMTC -> SOMTC -> working groups; ADMM -> ADMM-Plus …; each body with its chair in the
    --as-of year (or --year). Give MECHANISM to show only that body and those under it.

    \b
    Examples:
      asean-sec mechanisms
      asean-sec mechanisms AMMTC --year 2025
      asean-sec --as-of 2024-12-31 mechanisms --format json
    """
    from asean_sec.output.views import bodies as bodies_views
    from asean_sec.questions import bodies, query

    dataset = state.dataset
    chosen = year or state.as_of.year
    nodes = bodies.mechanism_tree(dataset, chosen, state.as_of,
                                    root=query.mechanism_id(dataset, root) if root else None)
    emit(bodies_views.mechanisms_report(dataset, nodes, chosen), fmt, color, cite)


@command()
@list_options
@output_options
@pass_state
def crimes(state, fmt, color, cite):
    """The priority transnational crimes and their lead shepherds.

    The ten crimes of the AMMTC/SOMTC work programme, each with the countries leading it (lead
    shepherds, working-group chairs) as on --as-of.

    \b
    Examples:
      asean-sec crimes
      asean-sec crimes --format csv
    """
    from asean_sec.output.views import bodies as bodies_views
    from asean_sec.questions import bodies

    areas = bodies.crime_areas(state.dataset, state.as_of)
    emit(bodies_views.crimes_report(state.dataset, areas, state.as_of), fmt, color, cite)


@command()
@click.argument("words", nargs=-1, required=True, metavar="DOCUMENT", shell_complete=completion.document_ids)
@output_options
@pass_state
def document(state, words, fmt, color, cite):
    """One document: title, type, date and place, the meeting that adopted it, parties (with the day
    each ratified or acceded, where known), status and entry into force, with sources.

    DOCUMENT is a document id, its title, or a name its title gives in brackets
    (ACTIP, TAC, "Bangkok Treaty", "ASEAN Charter").

    \b
    Examples:
      asean-sec document ACTIP
      asean-sec document "SEANWFZ Treaty" --format json
      asean-sec document asean-charter-2007
    """
    from asean_sec.output.views import documents as documents_views
    from asean_sec.questions import documents, query

    dataset = state.dataset
    found = dataset.documents[query.document_id(dataset, " ".join(words))]
    # as it stood on --as-of: its parties then, 'signed' until it entered into force (one made later: as recorded)
    found = documents.as_seen(dataset, found, state.as_of) or found
    emit(documents_views.document_report(dataset, found, state.as_of), fmt, color, cite)


@command()
@click.option("--mechanism", "-m", shell_complete=completion.mechanisms,
              help="Adopted by this body or at one of its meetings.")
@click.option("--type", "-t", "doc_type", metavar="TYPE",
              help="declaration, joint statement, leaders statement, convention, treaty, plan of action, "
                   "work plan, mou, agreement, charter, cooperation plan or other (plurals too: treaties).")
@click.option("--year", type=click.IntRange(1, 9999), help="Dated in this year.")
@click.option("--party", "-p", shell_complete=completion.countries,
              help="Among its parties: a treaty or convention it ratified or acceded to, an accession of its own, "
                   "or a declaration or statement it adopted or signed ('Party to' in country lists the binding ones).")
@list_options
@output_options
@pass_state
def documents(state, mechanism, doc_type, year, party, fmt, color, cite):
    """Instruments and statements, filtered.

    Declarations, joint statements, plans of action, conventions …, oldest first, as they stood on
    --as-of: none dated after it (an undated one adopted at a meeting: the meeting's day), no party
    whose own ratification or accession is dated after it, and 'signed', with no entry into force,
    for one that entered into force after it.

    \b
    Examples:
      asean-sec documents --mechanism AMMTC
      asean-sec documents --type declaration --year 2023
      asean-sec documents --party tl          (what Timor-Leste is a party to)
      asean-sec documents --type "plan of action" --format json
    """
    from asean_sec.output.views import documents as documents_views
    from asean_sec.questions import common, documents, query

    dataset = state.dataset
    body = query.mechanism_id(dataset, mechanism) if mechanism is not None else None
    country = query.country_id(dataset, party) if party is not None else None
    found = documents.documents(dataset, state.as_of, mechanism=body,
                                doc_type=common.document_type(doc_type) if doc_type else None, year=year,
                                party=country)
    asked = " ".join(p for p in (
        f"of {dataset.mechanisms[body].acronym}" if body else "",
        f"of type {doc_type}" if doc_type else "", f"in {year}" if year else "",
        f"with {dataset.country_name(country)} a party" if country else "") if p)
    emit(documents_views.documents_report(dataset, found, asked), fmt, color, cite)

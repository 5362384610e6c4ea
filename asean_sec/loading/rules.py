"""Cross-record rules on meetings, their chairs and office holders (called by validate.check,
which gives each a checker `c` that knows where every value stands in the files)."""

from __future__ import annotations

from collections import defaultdict

from asean_sec.model.dataset import names_role


def meeting_rules(c, dates):
    raw = c.raw
    follows = {m["id"] for m in raw["mechanisms"] if m["chair_rule"] == "follows_asean_chair"}
    chair_of = {r["year"]: r["country"] for r in raw["asean_chair"]}
    member_since = {}
    for i, country in enumerate(raw["countries"]):
        if (c_date := dates.get(("countries", i, "asean_member_since"))):
            member_since[country["id"]] = c_date
    ordinals: defaultdict[str, dict] = defaultdict(dict)
    for i, meeting in enumerate(raw["meetings"]):
        start = dates.get(("meetings", i, "start"))
        chair = (meeting.get("chair") or {}).get("country")
        if start and chair and meeting["mechanism"] in follows and meeting.get("status", "held") == "held":
            expected = chair_of.get(start.year)
            if expected and expected != chair and not meeting.get("note"):
                c.report("meetings", i, ("chair", "country"),
                         f"{meeting['id']}: chair {chair!r} differs from the {start.year} ASEAN chair {expected!r}",
                         "correct the chair, or add a note saying why", warning=True)
        host = meeting.get("host")
        last = dates.get(("meetings", i, "end")) or start  # a member by the meeting's last day will do
        if last and host in member_since and last.last_day < member_since[host].first_day:
            c.report("meetings", i, "host", f"{meeting['id']}: host {host!r} was not an ASEAN member on {last}",
                     "check the host and the date", warning=True)
        ordinal = str(meeting["ordinal"])
        if ordinal.isdigit() and ordinal.isascii():
            ordinals[meeting["mechanism"]][int(ordinal)] = i
    explained = {m["id"]: str(m.get("note", "")) for m in raw["mechanisms"]}
    for mechanism, found in ordinals.items():
        if max(found) > 500:  # years used as ordinals (annual bilateral reviews): no series to check
            continue
        missing = sorted(set(range(1, max(found) + 1)) - set(found))
        if missing and "ordinal gaps" not in explained.get(mechanism, "").lower():
            first = min(found.values())
            c.report("meetings", first, "ordinal",
                     f"{mechanism}: no record for meeting number {_ranges(missing)}",
                     "add the meetings, or say why in the mechanism's note ('ordinal gaps: …')", warning=True)


def outcomes(c):
    """A document adopted at a meeting (`meeting`) is among that meeting's `outcomes`, and a meeting
    lists no outcome whose document names another meeting: commands answer from both sides."""
    if "documents" in c.unsure or "meetings" in c.unsure:
        return
    listed: dict[str, set] = {}
    for m in c.raw["meetings"]:  # a duplicated id (reported on its own) keeps the outcomes of both records
        listed.setdefault(m["id"], set()).update(m.get("outcomes", ()))
    adopted_at = {d["id"]: d.get("meeting") for d in c.raw["documents"]}
    for i, document in enumerate(c.raw["documents"]):
        meeting = document.get("meeting")
        if meeting in listed and document["id"] not in listed[meeting]:
            c.report("documents", i, "meeting",
                     f"{document['id']}: adopted at {meeting}, but {meeting} does not list it in its outcomes",
                     f"add {document['id']!r} to the outcomes of {meeting}, or correct the meeting")
    for i, meeting in enumerate(c.raw["meetings"]):
        for j, document_id in enumerate(meeting.get("outcomes", ())):
            elsewhere = adopted_at.get(document_id)
            if elsewhere and elsewhere != meeting["id"]:
                c.report("meetings", i, ("outcomes", j),
                         f"{meeting['id']}: lists {document_id!r}, which was adopted at {elsewhere}",
                         f"move it to the outcomes of {elsewhere}, or correct the document's meeting")


def chair_basis(c):
    """A chair inferred from a rule needs the body's rule to be sourced (`chair_rule_sources`); a
    meeting kept out of its body's rule (`chair_by_rule: false`) is one with no chair named."""
    for i, body in enumerate(c.raw["mechanisms"]):
        for j, source_id in enumerate(body.get("chair_rule_sources", ())):
            c.ref("mechanisms", i, ("chair_rule_sources", j), source_id, "sources")
    sourced = {body["id"] for body in c.raw["mechanisms"] if body.get("chair_rule_sources")}
    for i, body in enumerate(c.raw["mechanisms"]):
        wanted = body.get("chair_rule_role")
        if wanted and not any(names_role(wanted, r) for r in c.raw.get("roles", ())):
            c.report("mechanisms", i, "chair_rule_role",
                     f"{body['id']}: chair_rule_role names no role on record ({', '.join(f'{k}: {v}' for k, v in wanted.items())})",
                     "record the roles (with their terms) whose holders chair the body, or correct chair_rule_role")
        if body.get("chair_rule_before") and not body.get("chair_rule_from"):
            c.report("mechanisms", i, "chair_rule_before",
                     f"{body['id']}: chair_rule_before names the rule before chair_rule_from, which the body does not give",
                     "give chair_rule_from (the day the present rule took effect), or drop chair_rule_before")
    for i, meeting in enumerate(c.raw["meetings"]):
        if meeting.get("chair_basis") == "rule" and not meeting.get("chair"):
            c.report("meetings", i, "chair_basis", f"{meeting['id']}: chair_basis is rule but no chair is given",
                     "give the chair the rule yields, or drop chair_basis")
        elif meeting.get("chair_basis") == "rule" and meeting["mechanism"] not in sourced:
            c.report("meetings", i, "chair_basis",
                     f"{meeting['id']}: chair inferred from a rule, but {meeting['mechanism']} has no sourced chair rule",
                     "add chair_rule_sources (sources stating the rule) to the body, or drop the inferred chair")
        if meeting.get("chair_by_rule") is False and (meeting.get("chair") or meeting.get("co_chairs")):
            c.report("meetings", i, "chair_by_rule",
                     f"{meeting['id']}: chair_by_rule is false, but the meeting has a chair a source names",
                     "drop chair_by_rule: it only keeps a rule from a meeting with no chair")


def derived(c):
    """A field named as derived (worked out, not printed) is one the record gives."""
    for section in ("meetings", "offices", "documents"):
        if section in c.unsure:
            continue
        for i, record in enumerate(c.raw[section]):
            for j, field in enumerate(record.get("derived", ())):
                if record.get(field) is None:
                    c.report(section, i, ("derived", j), f"derived names {field!r}, which the record does not give",
                             f"give the {field} worked out from the sources, or drop it from derived")


def _ranges(numbers):
    spans, start = [], None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n != prev + 1:
            spans.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
        else:
            prev = n
    return ", ".join(spans)


def offices(c, dates):
    by_holder = defaultdict(list)
    for i, office in enumerate(c.raw["offices"]):
        by_holder[office["person"], office["title"]].append(i)
    for (person, title), indexes in by_holder.items():
        spans = sorted(((dates.get(("offices", i, "start")), dates.get(("offices", i, "end")), i) for i in indexes
                        if dates.get(("offices", i, "start"))), key=lambda s: s[0].sort_key())
        for (_, e1, _), (s2, _, i2) in zip(spans, spans[1:]):
            if e1 is None or e1.last_day > s2.first_day:
                c.report("offices", i2, "start", f"{person} holds {title!r} twice at once",
                         "merge the terms or correct their dates", warning=True)

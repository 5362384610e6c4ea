"""The search results' view.
"""

from __future__ import annotations

from asean_sec.model.dataset import Dataset
from asean_sec.model.names import fold
from asean_sec.output import rows
from asean_sec.output.document import Column, Report, keep
from asean_sec.output.safe import shorten
from asean_sec.questions import search

# --- search --------------------------------------------------------------------------------

def _snippet(text: str, words: list[str], width: int = 12) -> str:
    tokens = text.split()
    folded = [fold(t) for t in tokens]
    at = next((i for i, f in enumerate(folded) if any(w in f for w in words)), 0)
    start = max(0, at - width // 3)
    piece = " ".join(tokens[start:start + width])
    return ("… " if start else "") + piece + (" …" if start + width < len(tokens) else "")


def search_report(dataset: Dataset, hits: list[search.Hit], text: str) -> Report:
    """Every hit, best first (--limit, applied on output, shows the first 20 by default)."""
    words = fold(text).split()
    shown = hits
    found = [{"rank": i, "kind": h.kind, "id": h.id, "label": h.label, "score": h.score, "field": h.field,
              "match": _snippet(h.text, words), "sources": rows.source_refs(dataset, h.sources)}
             for i, h in enumerate(shown, 1)]
    notes: list[str] = []
    columns = [
        keep(Column("#", "rank")),
        Column("Kind", "kind", drop=2),
        Column("Record", "label", ratio=3, shorten=True),
        Column("Matched", lambda r: f"{r['field'].replace('_', ' ')}: {r['match']}", ratio=2, stack=True,
               shorten=True),
    ]
    shown_text = shorten(text, 60)  # echoed back, never the whole of a long query
    return Report(title=f"Records matching {shown_text!r} — {len(hits)}", rows=found,
                  columns=columns, notes=notes, empty_message=f"Nothing matches {shown_text!r}.")

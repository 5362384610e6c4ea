"""Turning what a user typed into a record id: case-, accent- and alias-insensitive."""

from __future__ import annotations

import re
from functools import lru_cache

from asean_sec.problems import LookupFailed


def post_of(title: str) -> str:
    """The post an office's title names, folded: an acting holder holds the same post."""
    return fold(title).removeprefix("acting ")


# folded posts several people hold at once (a deputy minister is one of several)
_SEVERAL = re.compile(r"(deputy|vice|assistant|under|member|second|senior minister of state|minister of state"
                      r"|secretary of state|state secretary)\b")


def held_by_several(post: str) -> bool:
    """Whether a post (see post_of) is one several people hold at once: no single holder supersedes another."""
    return _SEVERAL.match(post) is not None


def fold(text: str) -> str:
    """Lower case, without diacritics or extra spaces: 'Lương' -> 'luong'."""
    return _fold(text if type(text) is str else str(text))


@lru_cache(maxsize=16384)  # search folds every field of every record, and names recur
def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose, and casefold() is lower() for ASCII
        return " ".join(text.lower().translate(_APART).split())
    import unicodedata  # only for text that is not ASCII: most names and words asked are

    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    new = set(text).difference(_SEEN)
    if new:  # learn each character once: combining marks (a non-zero combining class) map to None
        _SEEN.update(new)
        _MARKS.update((ord(ch), None) for ch in new if unicodedata.combining(ch))
    text = text.translate(_MARKS)
    return " ".join(text.casefold().translate(_APART).split())


# Characters that keep words apart rather than belong to them: '(TAC)' is the word 'tac'.
_APART = str.maketrans({ch: " " for ch in "-.()[]{},;:!?\"'‘’“”"})

_SEEN: set[str] = set()  # characters already classified
_MARKS: dict[int, None] = {}  # the combining marks among them, for str.translate to drop


class NameIndex:
    """Every name of every record of one kind, folded, pointing at the record's id."""

    def __init__(self, kind: str, names_by_id: dict[str, tuple[str, ...]]):
        self.kind = kind
        self._ids: dict[str, str] = {}
        self._display: dict[str, str] = {}
        for record_id, names in names_by_id.items():
            for name in names:
                key = fold(name)
                if key:
                    self._ids.setdefault(key, record_id)
                    if self._display.get(key, record_id) == record_id:  # a name, not the id, is shown
                        self._display[key] = name

    def stored(self) -> list[dict[str, str]]:
        """The index as plain values (what a memo keeps): see `restored`."""
        return [self._ids, self._display]

    @classmethod
    def restored(cls, kind: str, stored: list[dict[str, str]]) -> NameIndex:
        """The index `stored()` gave, without folding a name again."""
        index = cls(kind, {})
        index._ids, index._display = stored
        return index

    def get(self, text: str) -> str | None:
        """The id for `text`, or None."""
        return self._ids.get(fold(text))

    def lookup(self, text: str) -> str:
        """The id for `text`: a name (spaced otherwise: 'Wang Xiao Hong' for 'Wang Xiaohong'), or words
        that are whole words of the names of one record only ('Kheng' for Sar Kheng); raises LookupFailed
        with the closest names, or with every record whose names have those words when there are several
        ('Luong')."""
        found = self.get(text)
        if found is not None:
            return found
        words = fold(text).split()
        joined = "".join(words)  # 'Wang Xiao Hong' for 'Wang Xiaohong': a whole name, spaced otherwise
        spaced = {record_id for key, record_id in self._ids.items() if key.replace(" ", "") == joined}
        if len(spaced) == 1:
            return spaced.pop()
        ids: dict[str, str] = {}
        for key, record_id in self._ids.items():
            if words and all(word in key.split() for word in words):
                ids.setdefault(record_id, self._display[key])
        if len(ids) == 1:
            return next(iter(ids))
        if ids:
            raise LookupFailed(self.kind, text, sorted(ids.values(), key=fold)[:6],
                               why=f"ambiguous {self.kind} {text!r}: {len(ids)} match")
        raise LookupFailed(self.kind, text, self.suggest(text))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        import difflib

        key = fold(text)
        close = difflib.get_close_matches(key, list(self._ids), n=n * 3, cutoff=0.7)
        if not close and key:
            close = [k for k in self._ids if key in k or (len(k) > 3 and k in key)]
        out = []
        for k in close:
            name = self._display[k]
            if name not in out:
                out.append(name)
        return out[:n]

    def names(self) -> list[str]:
        return sorted(set(self._display.values()), key=fold)


def bracketed_names(title: str) -> list[str]:
    """The names a title gives in brackets, each of a ' / ' list: 'TAC' in 'Treaty of Amity … (TAC)',
    'SEANWFZ Treaty' and 'Bangkok Treaty' in '… (SEANWFZ Treaty / Bangkok Treaty)'."""
    inside = (part.split(")")[0] for part in title.split("(")[1:])
    return [name.strip() for text in inside for name in text.split(" / ") if name.strip()]

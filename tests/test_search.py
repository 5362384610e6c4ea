"""search scores a word against a field with substring tests on the folded field padded with
spaces: they must agree with the definition by the field's words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from asean_sec.model.names import fold
from asean_sec.questions.search import _word_score


def score_by_words(word: str, folded: str) -> int:
    """The definition: 4 the field's first word, 3 another of its words, 2 the start of one of
    its words, 1 the start of one of its words run on across the next ones (spaces ignored),
    0 otherwise (inside a word, or from inside one word into the next)."""
    tokens = folded.split()
    if word in tokens:
        return 4 if tokens[0] == word else 3
    if any(token.startswith(word) for token in tokens):
        return 2
    if any("".join(tokens[i:]).startswith(word) for i in range(len(tokens))):
        return 1
    return 0


def scored(word: str, folded: str) -> int:
    padded = f" {folded} "
    return _word_score(word, padded, padded.replace(" ", ""))


TEXT = st.text(alphabet="ab -.Ạc", max_size=12)


@settings(max_examples=3000, deadline=None)
@given(TEXT, TEXT)
def test_a_word_scores_as_defined(query, field):
    folded = fold(field)
    for word in fold(query).split():
        assert scored(word, folded) == score_by_words(word, folded)


def test_examples():
    assert scored("luong", fold("Lương Tam Quang")) == 4
    assert scored("luong", fold("Le Luong Minh")) == 3
    assert scored("lu", fold("Le Luong Minh")) == 2
    assert scored("luongmi", fold("Le Luong Minh")) == 1
    assert scored("vietnam", fold("Việt Nam")) == 1
    assert scored("ngmi", fold("Le Luong Minh")) == 0  # from inside a word into the next
    assert scored("uon", fold("Le Luong Minh")) == 0  # inside a word
    assert scored("scam", fold("member states. Cambodia")) == 0
    assert scored("x", fold("Le Luong Minh")) == 0


def test_a_countrys_adjective_is_read_as_its_name(run_json):
    """'Indonesian defence minister' asks what 'defence minister Indonesia' asks."""
    hits = run_json("search", "Indonesian", "defence", "minister")
    assert hits and hits[0]["id"] == run_json("search", "defence", "minister", "Indonesia")[0]["id"]
    assert "Sjafrie" in hits[0]["label"]


def test_a_name_outranks_a_phrase_in_a_note_and_a_plural_finds_the_singular(run_json):
    found = run_json("search", "ASEANAPOL Executive Director")
    assert found[0]["kind"] == "office" and found[0]["field"] == "title"
    drugs = run_json("search", "drugs", "--limit", "0")
    assert {"ammd", "asod"} <= {h["id"] for h in drugs if h["kind"] == "mechanism"}

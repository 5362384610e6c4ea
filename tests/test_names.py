"""names.fold takes a fast path for ASCII and remembers its answers: it must fold exactly as the
plain definition does, for every string."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from asean_sec.loading.load import load
from asean_sec.model.names import fold


def plain_fold(text) -> str:
    """The definition: NFKD without combining marks (đ as d), case-folded; '-', '.', brackets,
    commas, colons, semicolons, '!', '?' and quotation marks as spaces ('(TAC)' is the word 'tac');
    runs of white space as one space."""
    text = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join(" " if ch in "-.()[]{},;:!?\"'‘’“”" else ch for ch in text)
    return " ".join(text.split())


SAMPLES = ["Lương Tam Quang", "LƯƠNG  tam-quang.", "Đà Nẵng", "đ", "ǅ", "Straße", "ﬁnance", "Ⅻ",
           "İstanbul", "ΣΊΣΥΦΟΣ", "Viet Nam", "  AMMTC\t17\n", "a\x1cb\x1fc", "a\u00a0b\u2003c", "",
           "-.-", "U.S.", "Thành phố Hồ Chí Minh", "ກອງປະຊຸມ", "မြန်မာ", "កម្ពុជា", "2026", "a\u0301",
           "\u212b", "ﾀﾞ", "①②", "x\u0345", "Ǆ", "ß-ẞ", "Treaty (TAC)", "Leaders' “Meeting”, yes; no!"]


def test_samples_fold_as_defined():
    for text in SAMPLES:
        assert fold(text) == plain_fold(text), text
        assert fold(text) == plain_fold(text), text  # the remembered answer too


def test_non_strings_fold_as_their_text():
    for value in (2026, None, 3.5, ("a", "B")):
        assert fold(value) == plain_fold(value)


def test_every_text_of_the_shipped_data_folds_as_defined():
    dataset = load(use_cache=False)
    texts = set()

    def walk(value):
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(dataset.raw)
    assert len(texts) > 1000
    for text in texts:
        assert fold(text) == plain_fold(text), text


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_any_text_folds_as_defined(text):
    assert fold(text) == plain_fold(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_any_ascii_text_folds_as_defined(text):
    assert fold(text) == plain_fold(text)


def test_every_meeting_is_found_by_the_label_lists_give_it():
    # `meetings` shows 'AMMTC Special on Terrorism'; `meeting` must take that label back, even where an
    # ordinal holds a word of the body's own name ('on', of the AMMTC's)
    from asean_sec.output.rows import label_of
    from asean_sec.questions.query import meeting_id

    dataset = load(use_cache=False)
    wrong = {}
    for meeting in dataset.meetings:
        label = label_of(dataset, meeting).split(" (")[0]  # without '(scheduled)'
        if meeting_id(dataset, label) != meeting.id:
            wrong[meeting.id] = label
    assert wrong == {}

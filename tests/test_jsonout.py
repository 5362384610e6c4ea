"""asean-sec writes JSON without the json package, and byte for byte as json.dumps would."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asean_sec.output import jsonout

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                    st.sampled_from(["Lương Tam Quang", "\u2028", "\x00", '"quoted"', "back\\slash", "🇻🇳"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none()), inner, max_size=4)),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(value=VALUES, indent=st.sampled_from([None, 2]))
def test_the_same_text_as_json_dumps(value, indent):
    assert jsonout.dumps(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_what_json_cannot_write_is_refused_alike():
    with pytest.raises(TypeError):
        jsonout.dumps({"when": object()})

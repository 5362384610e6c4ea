"""The compiled yes/no schema check agrees with jsonschema on every record, valid or not."""

import copy
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asean_sec.loading import fastcheck, load, schema, yamlio

SCHEMAS = sorted({schema_name for schema_name, _ in load.FILES.values()})
SHIPPED = load.shipped_data_dir()


def jsonschema_says_valid(schema_name: str, value) -> bool:
    return not any(True for _ in schema._validator(schema_name).iter_errors(value))


@cache  # parsed once: the tests copy what they change
def shipped_value(schema_name: str):
    name = next(n for n, (s, _) in load.FILES.items() if s == schema_name)
    document, problems = yamlio.read_yaml(name, (SHIPPED / name).read_bytes())
    assert not problems
    return document.value


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_every_shipped_schema_compiles(schema_name):
    assert fastcheck.compile_schema(schema.load_schema(schema_name)) is not None


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_the_shipped_data_passes_both(schema_name):
    value = shipped_value(schema_name)
    assert schema.quick_check(schema_name)(value)
    assert jsonschema_says_valid(schema_name, value)


def test_a_keyword_it_does_not_know_means_no_compiled_check():
    assert fastcheck.compile_schema({"type": "string", "format": "email"}) is None
    assert fastcheck.compile_schema({"type": "object", "patternProperties": {}, "additionalProperties": False}) is None
    assert fastcheck.compile_schema({"$ref": "#/$defs/missing"}) is None


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False), st.just(2027.0),
    st.sampled_from(["", " ", "x", "held", "Held", "2024", "2024-08", "2024-13-45", "24-08-2024", "ammtc-18",
                     "AMMTC", "a b", "in_person", "ſ", "٢٠٢٤", "2024-08-28\n"]),
    st.text(max_size=12), st.lists(st.sampled_from(["a", "", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["country", "person", "title", "x"]), st.sampled_from(["vn", "", 1, None]),
                    max_size=3),
)


def mutations(schema_name: str):
    """A shipped file with one field of one record (or one nested field) replaced or removed."""
    value = shipped_value(schema_name)
    sections = [k for k, v in value.items() if isinstance(v, list) and v]
    if not sections:
        return st.tuples(st.sampled_from(sorted(value) + ["extra"]), ODD_VALUES).map(
            lambda change: {**value, change[0]: change[1]})

    def mutate(choice):
        section, index, field_choice, replacement, remove = choice
        # a sample of the file: the damaged record among its neighbours, every other section
        # whole but empty lists (checking whole files made this the slowest test by far)
        records = value[section]
        chosen = [records[(index + offset) % len(records)] for offset in (-1, 0, 1)]
        mutated = {name: ([] if isinstance(v, list) and name != section else v) for name, v in value.items()}
        mutated[section] = copy.deepcopy(chosen)
        record = mutated[section][1]
        if not isinstance(record, dict):
            mutated[section][1] = replacement
            return mutated
        fields = sorted(record) + ["unknown_field"]
        field = fields[field_choice % len(fields)]
        if isinstance(record.get(field), dict) and not remove:
            inner = sorted(record[field]) + ["x"]
            record[field][inner[field_choice % len(inner)]] = replacement
        elif isinstance(record.get(field), list) and record[field] and not remove:
            record[field][0] = replacement
        elif remove:
            record.pop(field, None)
        else:
            record[field] = replacement
        return mutated

    return st.tuples(st.sampled_from(sections), st.integers(0, 10**6), st.integers(0, 100), ODD_VALUES,
                     st.booleans()).map(mutate)


@pytest.mark.parametrize("schema_name", SCHEMAS)
@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_both_checks_give_the_same_verdict_on_damaged_records(schema_name, data):
    value = data.draw(mutations(schema_name))
    assert schema.quick_check(schema_name)(value) == jsonschema_says_valid(schema_name, value)

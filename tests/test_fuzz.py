"""Whatever a user types, every command answers (0), finds nothing (1) or refuses (2): no traceback."""

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asean_sec.cli.app import cli
from asean_sec.loading.load import shipped_data_dir

DATA = str(shipped_data_dir())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = st.sampled_from(["", " ", "current", "next", "previous", "today", "NEXT", "Viet Nam", "việt nam",
                         "VN", "Laos", "ammtc", "AMMTC+3", "-", "--", "-1", "--help", "\u00a0", "\x00"])
ODD_YEARS = ["2024.5", "99999", "-1", "0", "1e3", "0x7E8", "²", "٢٠٢٤"]
YEARS_AS_TEXT = st.one_of(st.integers(-10**6, 10**6).map(str), st.sampled_from(ODD_YEARS))
NUMBERS_AS_TEXT = st.floats(allow_nan=True, allow_infinity=True).map(str)
EDGE_YEARS = st.one_of(st.sampled_from([0, 1, 1967, 2024, 9999, 10000, 99999]), st.integers(0, 99999))
DATES_AS_TEXT = st.one_of(
    st.dates().map(str),
    EDGE_YEARS.map("{:04d}".format),
    st.builds("{:04d}-{:02d}-{:02d}".format, EDGE_YEARS, st.integers(0, 99), st.integers(0, 99)),
    st.builds("{:04d}-{:02d}".format, EDGE_YEARS, st.integers(0, 99)),
    st.sampled_from(["2024-13-01", "2023-02-30", "2024-00-10", "20240101", "2024/01/01", "today "]),
)
ANYTHING = st.one_of(WORDS, st.text(max_size=30), st.text(min_size=300, max_size=2000), YEARS_AS_TEXT,
                     NUMBERS_AS_TEXT, DATES_AS_TEXT)
DATE_OPTIONS = ["--since", "--until", "--year"]
MEETING_OPTIONS = ["--mechanism", "--chaired-by", "--hosted-by", "--attended-by", "--led-by", "--year",
                   "--since", "--until", "--format"]


def answers_cleanly(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", DATA, *args])
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (args, repr(result.exception))
    assert "Traceback" not in result.output


@FUZZ
@given(when=ANYTHING, mechanism=st.one_of(st.none(), ANYTHING))
def test_chair_with_any_year_and_body(when, mechanism):
    body = ["--mechanism", mechanism] if mechanism is not None else []
    answers_cleanly(["--as-of", "2026-11-23", "chair", when, *body])


@FUZZ
@given(filters=st.dictionaries(st.sampled_from(MEETING_OPTIONS), ANYTHING, max_size=4))
def test_meetings_with_any_filters(filters):
    args = [part for option, value in filters.items() for part in (option, value)]
    answers_cleanly(["--as-of", "2026-11-23", "meetings", *args])


@FUZZ
@given(filters=st.dictionaries(st.sampled_from(DATE_OPTIONS), DATES_AS_TEXT, min_size=1, max_size=3))
def test_meetings_with_any_dates(filters):
    args = [part for option, value in filters.items() for part in (option, value)]
    answers_cleanly(["--as-of", "2026-11-23", "meetings", *args])


@FUZZ
@given(as_of=st.one_of(DATES_AS_TEXT, ANYTHING),
       command=st.sampled_from([["chair", "next"], ["chair", "previous"], ["chair"],
                                ["meetings", "--since", "today"]]))
def test_any_as_of_date(as_of, command):
    answers_cleanly(["--as-of", as_of, *command])


@FUZZ
@given(year=st.integers(-10**5, 10**5),
       mechanism=st.sampled_from(["asean", "AMMTC", "SOMTC", "ASEANAPOL", "ADMM"]))
def test_chair_for_every_year_of_every_body(year, mechanism):
    answers_cleanly(["--as-of", "2026-11-23", "chair", "--mechanism", mechanism, "--", str(year)])


@pytest.mark.parametrize("args", [["--since", "0000"], ["--until", "0000"], ["--since", "0000-01"]])
def test_a_date_in_year_zero_is_a_usage_error(args):
    result = CliRunner().invoke(cli, ["--data-dir", DATA, "--as-of", "2026-11-23", "meetings", *args])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2

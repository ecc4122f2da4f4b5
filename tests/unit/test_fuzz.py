"""Whatever a runner types, the journal answers with a value or one clear refusal."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.dates import parse_date
from journal.domain.entries import DEFAULT_SITES, parse_pain_setting
from journal.domain.scales import WELLNESS_FIELDS, parse_pain_score, parse_sleep_hours, parse_wellness
from journal.errors import InvalidInput

TEXT = st.text(max_size=40)


def accepted_or_refused(parse, text):
    try:
        return parse(text)
    except InvalidInput as error:
        message = str(error)
        assert message and "\n" not in message
        return None


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_any_text_is_a_date_or_one_line_refusal(today, text, allow_future):
    day = accepted_or_refused(lambda value: parse_date(value, today=today, allow_future=allow_future), text)
    if day is not None:
        assert isinstance(day, dt.date)
        assert allow_future or day <= today


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(WELLNESS_FIELDS))
def test_any_text_is_a_score_or_one_line_refusal(text, field):
    value = accepted_or_refused(lambda value: parse_wellness(field, value), text)
    assert value is None or 1 <= value <= 5
    pain = accepted_or_refused(parse_pain_score, text)
    assert pain is None or 0 <= pain <= 10
    hours = accepted_or_refused(parse_sleep_hours, text)
    assert hours is None or 0 <= hours <= 24
    setting = accepted_or_refused(lambda value: parse_pain_setting(value, list(DEFAULT_SITES)), text)
    assert setting is None or 0 <= setting[1] <= 10

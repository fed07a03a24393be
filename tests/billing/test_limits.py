import pytest

from billing.limits import DEFAULT_LIMITS, MAX_COMMENT_CHARS, Limits
from billing.money import DEFAULT_CEILING_PAISE


def test_defaults_are_billings_numbers() -> None:
    assert Limits(MAX_COMMENT_CHARS, DEFAULT_CEILING_PAISE) == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.as_json() == {
        "max_comment_chars": MAX_COMMENT_CHARS, "max_payment_paise": DEFAULT_CEILING_PAISE}


def test_what_the_server_said_round_trips() -> None:
    limits = Limits(max_comment_chars=500, max_payment_paise=12_345)
    assert Limits.from_json(limits.as_json()) == limits


@pytest.mark.parametrize(
    "sent",
    [None, "limits", [], {}, {"max_comment_chars": 0}, {"max_comment_chars": True},
     {"max_payment_paise": "100"}, {"max_payment_paise": -1}, {"max_payment_paise": 1.5}],
)
def test_a_missing_or_damaged_field_keeps_its_default(sent: object) -> None:
    assert Limits.from_json(sent) == DEFAULT_LIMITS


def test_a_field_the_server_sent_wins_over_a_damaged_one() -> None:
    assert Limits.from_json({"max_comment_chars": 99, "max_payment_paise": "x"}) == Limits(
        max_comment_chars=99)


@pytest.mark.parametrize("bad", [0, -1, True, 1.0])
def test_limits_must_be_positive_whole_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Limits(max_comment_chars=bad)  # type: ignore[arg-type]

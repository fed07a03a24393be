from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.lifecycle import (
    DEFAULT_ZONE,
    POSTPAID_GRACE_DAYS,
    AccountStatus,
    StatusChange,
    allocate_fifo,
    business_date,
    expiry_suspending_on,
    grace_days_left,
    invoice_date_suspending_on,
    invoice_date_with_days_left,
    next_status,
    open_invoice_dates,
    postpaid_last_payment_date,
    postpaid_status,
    postpaid_suspension_date,
    prepaid_status,
    prepaid_suspension_date,
    renewal_expiry,
    status_after_payment,
)

ACTIVE, SUSPENDED = AccountStatus.ACTIVE, AccountStatus.SUSPENDED
INACTIVE, TERMINATED = AccountStatus.INACTIVE, AccountStatus.TERMINATED
D = date.fromisoformat


def test_constants_and_values():
    assert DEFAULT_ZONE == "Asia/Kolkata"
    assert POSTPAID_GRACE_DAYS == 15
    assert [s.value for s in AccountStatus] == ["Active", "Suspended", "Inactive", "Terminated"]


@pytest.mark.parametrize(
    ("expiry", "suspension"),
    [
        ("2026-03-31", "2026-04-01"),
        ("2026-01-31", "2026-02-01"),
        ("2026-02-28", "2026-03-01"),
        ("2028-02-28", "2028-02-29"),
        ("2028-02-29", "2028-03-01"),
        ("2026-12-31", "2027-01-01"),
    ],
)
def test_prepaid_suspension_date(expiry, suspension):
    assert prepaid_suspension_date(D(expiry)) == D(suspension)


@pytest.mark.parametrize(
    ("invoice", "last", "suspension"),
    [
        ("2026-03-01", "2026-03-16", "2026-03-17"),
        ("2026-01-31", "2026-02-15", "2026-02-16"),
        ("2026-02-14", "2026-03-01", "2026-03-02"),
        ("2028-02-14", "2028-02-29", "2028-03-01"),
        ("2028-02-29", "2028-03-15", "2028-03-16"),
        ("2026-12-20", "2027-01-04", "2027-01-05"),
        ("2026-12-17", "2027-01-01", "2027-01-02"),
    ],
)
def test_postpaid_dates(invoice, last, suspension):
    assert postpaid_last_payment_date(D(invoice)) == D(last)
    assert postpaid_suspension_date(D(invoice)) == D(suspension)


@pytest.mark.parametrize(
    ("on", "left"),
    [("2026-03-01", 15), ("2026-03-15", 1), ("2026-03-16", 0), ("2026-03-17", -1),
     ("2026-04-01", -16)],
)  # fmt: skip
def test_grace_days_left(on, left):
    assert grace_days_left(D("2026-03-01"), D(on)) == left


@pytest.mark.parametrize(
    "function", [prepaid_suspension_date, postpaid_last_payment_date, postpaid_suspension_date]
)
def test_date_functions_refuse_datetimes(function):
    with pytest.raises(TypeError):
        function(datetime(2026, 3, 1, 12, tzinfo=UTC))


@pytest.mark.parametrize(
    ("expiry", "on", "status"),
    [
        (None, "2026-03-01", INACTIVE),
        ("2026-03-31", "2026-03-01", ACTIVE),
        ("2026-03-31", "2026-03-31", ACTIVE),
        ("2026-03-31", "2026-04-01", SUSPENDED),
        ("2026-03-31", "2027-01-01", SUSPENDED),
        ("2026-01-31", "2026-01-31", ACTIVE),
        ("2026-01-31", "2026-02-01", SUSPENDED),
        ("2028-02-28", "2028-02-28", ACTIVE),
        ("2028-02-28", "2028-02-29", SUSPENDED),
        ("2028-02-29", "2028-02-29", ACTIVE),
        ("2028-02-29", "2028-03-01", SUSPENDED),
        ("2026-12-31", "2026-12-31", ACTIVE),
        ("2026-12-31", "2027-01-01", SUSPENDED),
    ],
)
def test_prepaid_status(expiry, on, status):
    assert prepaid_status(expiry and D(expiry), D(on)) is status


@pytest.mark.parametrize(
    ("invoices", "on", "status"),
    [
        ([], "2026-03-01", ACTIVE),
        (["2026-03-01"], "2026-03-01", ACTIVE),
        (["2026-03-01"], "2026-03-16", ACTIVE),
        (["2026-03-01"], "2026-03-17", SUSPENDED),
        (["2026-03-01", "2026-04-01"], "2026-04-05", SUSPENDED),
        (["2026-04-01"], "2026-04-16", ACTIVE),
        (["2026-04-01"], "2026-04-17", SUSPENDED),
        (["2028-02-14"], "2028-02-29", ACTIVE),
        (["2028-02-14"], "2028-03-01", SUSPENDED),
        (["2028-02-29"], "2028-03-15", ACTIVE),
        (["2028-02-29"], "2028-03-16", SUSPENDED),
        (["2026-12-17"], "2027-01-01", ACTIVE),
        (["2026-12-17"], "2027-01-02", SUSPENDED),
        (["2026-03-20"], "2026-03-10", ACTIVE),
    ],
)
def test_postpaid_status(invoices, on, status):
    assert postpaid_status([D(i) for i in invoices], D(on)) is status
    assert postpaid_status(iter([D(i) for i in invoices]), D(on)) is status


def test_postpaid_without_plan_is_inactive():
    assert postpaid_status([], D("2026-03-01"), has_plan=False) is INACTIVE
    assert postpaid_status([D("2026-01-01")], D("2026-03-01"), has_plan=False) is INACTIVE


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 1, 31, 18, 29, 59, tzinfo=UTC), "2026-01-31"),
        (datetime(2026, 1, 31, 18, 30, 0, tzinfo=UTC), "2026-02-01"),
        (datetime(2026, 1, 31, 19, 0, tzinfo=UTC), "2026-02-01"),
        (datetime(2026, 12, 31, 18, 30, tzinfo=UTC), "2027-01-01"),
        (datetime(2028, 2, 28, 18, 30, tzinfo=UTC), "2028-02-29"),
        (datetime(2026, 3, 1, 0, 0, tzinfo=UTC), "2026-03-01"),
        (datetime(2026, 3, 1, 0, 0, tzinfo=timezone(timedelta(hours=-8))), "2026-03-01"),
        (datetime(2026, 3, 1, 23, 0, tzinfo=timezone(timedelta(hours=-8))), "2026-03-02"),
    ],
)
def test_business_date_in_kolkata(moment, expected):
    assert business_date(moment) == D(expected)


def test_business_date_other_zone():
    moment = datetime(2026, 1, 31, 19, 0, tzinfo=UTC)
    assert business_date(moment, "UTC") == D("2026-01-31")
    assert business_date(moment, "America/New_York") == D("2026-01-31")
    assert business_date(datetime(2026, 1, 31, 11, 0, tzinfo=UTC), "Pacific/Auckland") == D(
        "2026-02-01"
    )


def test_business_date_refuses_naive():
    with pytest.raises(ValueError, match="naive"):
        business_date(datetime(2026, 1, 31, 19, 0))


def test_business_date_refuses_plain_date():
    with pytest.raises(TypeError):
        business_date(date(2026, 1, 31))


@pytest.mark.parametrize(
    ("expiry", "today", "days", "new"),
    [
        ("2026-04-10", "2026-04-01", 30, "2026-05-10"),  # future: extends from expiry
        ("2026-04-01", "2026-04-01", 30, "2026-05-01"),  # expires today: no day lost
        ("2026-03-31", "2026-04-01", 30, "2026-04-30"),  # expired yesterday
        ("2025-01-01", "2026-04-01", 30, "2026-04-30"),  # expired long ago
        (None, "2026-04-01", 30, "2026-04-30"),  # first plan
        (None, "2026-04-01", 1, "2026-04-01"),  # one day: today only
        ("2026-01-31", "2026-01-31", 1, "2026-02-01"),
        ("2028-02-28", "2028-02-28", 1, "2028-02-29"),
        ("2026-12-31", "2026-12-31", 1, "2027-01-01"),
        (None, "2028-02-01", 29, "2028-02-29"),
    ],
)
def test_renewal_expiry(expiry, today, days, new):
    assert renewal_expiry(expiry and D(expiry), D(today), days) == D(new)


@pytest.mark.parametrize("days", [0, -1])
def test_renewal_expiry_needs_positive_validity(days):
    with pytest.raises(ValueError):
        renewal_expiry(None, D("2026-04-01"), days)


@given(
    st.one_of(st.none(), st.dates(min_value=D("2020-01-01"), max_value=D("2030-12-31"))),
    st.dates(min_value=D("2020-01-01"), max_value=D("2030-12-31")),
    st.integers(min_value=1, max_value=400),
)
def test_renewal_always_gives_active_service_for_the_full_validity(expiry, today, days):
    new = renewal_expiry(expiry, today, days)
    assert prepaid_status(new, today) is ACTIVE
    assert new >= today + timedelta(days=days - 1)
    if expiry is not None:
        assert new >= expiry + timedelta(days=days)
    # all days from today through the new expiry are served, the next is not
    assert prepaid_status(new, new) is ACTIVE
    assert prepaid_status(new, new + timedelta(days=1)) is SUSPENDED


def test_next_status_prepaid_suspends_with_rule():
    change = next_status(ACTIVE, prepaid=True, on=D("2026-04-01"), expiry=D("2026-03-31"))
    assert change == StatusChange(
        ACTIVE, SUSPENDED, "prepaid plan expired on 2026-03-31; suspended on 2026-04-01"
    )


def test_next_status_prepaid_expiry_day_is_no_change():
    assert next_status(ACTIVE, prepaid=True, on=D("2026-03-31"), expiry=D("2026-03-31")) is None


def test_next_status_prepaid_renewal_reconnects():
    change = next_status(SUSPENDED, prepaid=True, on=D("2026-04-03"), expiry=D("2026-05-01"))
    assert change is not None
    assert (change.old, change.new) == (SUSPENDED, ACTIVE)
    assert "renewed until 2026-05-01" in change.rule


def test_next_status_prepaid_first_plan_activates():
    change = next_status(INACTIVE, prepaid=True, on=D("2026-04-03"), expiry=D("2026-05-01"))
    assert change is not None
    assert change.new is ACTIVE
    assert "2026-05-01" in change.rule


def test_next_status_prepaid_without_plan_inactive():
    change = next_status(ACTIVE, prepaid=True, on=D("2026-04-03"), expiry=None)
    assert change is not None
    assert change.new is INACTIVE


def test_next_status_postpaid_suspends_on_day_sixteen():
    invoices = [D("2026-03-01"), D("2026-04-01")]
    assert next_status(ACTIVE, prepaid=False, on=D("2026-03-16"), open_invoice_dates=invoices) is (
        None
    )
    change = next_status(ACTIVE, prepaid=False, on=D("2026-04-17"), open_invoice_dates=invoices)
    assert change == StatusChange(
        ACTIVE, SUSPENDED, "postpaid invoice of 2026-03-01 unpaid after 15 days of grace"
    )


def test_next_status_postpaid_reconnects_when_paid():
    change = next_status(SUSPENDED, prepaid=False, on=D("2026-04-20"), open_invoice_dates=[])
    assert change is not None
    assert (change.old, change.new) == (SUSPENDED, ACTIVE)
    assert "reconnected" in change.rule


def test_next_status_postpaid_reconnects_while_newer_invoice_in_grace():
    change = next_status(
        SUSPENDED, prepaid=False, on=D("2026-04-10"), open_invoice_dates=[D("2026-04-01")]
    )
    assert change is not None
    assert change.new is ACTIVE


def test_next_status_postpaid_inactive_stays_without_plan():
    on = D("2026-04-20")
    assert next_status(INACTIVE, prepaid=False, on=on) is None
    assert next_status(INACTIVE, prepaid=False, on=on, open_invoice_dates=[D("2026-01-01")]) is (
        None
    )
    change = next_status(INACTIVE, prepaid=False, on=on, has_plan=True)
    assert change is not None
    assert change.new is ACTIVE
    change = next_status(ACTIVE, prepaid=False, on=on, has_plan=False)
    assert change is not None
    assert change.new is INACTIVE


@pytest.mark.parametrize("prepaid", [True, False])
def test_terminated_is_sticky(prepaid):
    for on in (D("2026-03-01"), D("2030-01-01")):
        assert (
            next_status(
                TERMINATED,
                prepaid=prepaid,
                on=on,
                expiry=D("2026-01-01"),
                open_invoice_dates=[D("2025-01-01")],
                has_plan=True,
            )
            is None
        )


def test_next_status_accepts_string_status():
    change = next_status("Active", prepaid=True, on=D("2026-04-01"), expiry=D("2026-03-31"))
    assert change is not None
    assert change.new is SUSPENDED


@pytest.mark.parametrize("late_days", [1, 3, 10])
def test_late_job_gives_same_answer_prepaid(late_days):
    expiry = D("2026-03-31")
    on_time = next_status(ACTIVE, prepaid=True, on=D("2026-04-01"), expiry=expiry)
    late = next_status(
        ACTIVE, prepaid=True, on=D("2026-04-01") + timedelta(days=late_days), expiry=expiry
    )
    assert late == on_time


@pytest.mark.parametrize("late_days", [1, 3, 10])
def test_late_job_gives_same_answer_postpaid(late_days):
    invoices = [D("2026-03-01")]
    on_time = next_status(ACTIVE, prepaid=False, on=D("2026-03-17"), open_invoice_dates=invoices)
    late = next_status(
        ACTIVE,
        prepaid=False,
        on=D("2026-03-17") + timedelta(days=late_days),
        open_invoice_dates=invoices,
    )
    assert late == on_time


dates = st.dates(min_value=D("2024-01-01"), max_value=D("2030-12-31"))


@given(
    current=st.sampled_from(AccountStatus),
    prepaid=st.booleans(),
    on=dates,
    expiry=st.one_of(st.none(), dates),
    invoices=st.lists(dates, max_size=5),
    has_plan=st.one_of(st.none(), st.booleans()),
)
def test_next_status_is_idempotent(current, prepaid, on, expiry, invoices, has_plan):
    kwargs = {"prepaid": prepaid, "on": on, "expiry": expiry, "open_invoice_dates": invoices}
    if has_plan is not None:
        kwargs["has_plan"] = has_plan
    change = next_status(current, **kwargs)
    if change is None:
        return
    assert change.old is current
    assert change.new is not current
    assert current is not TERMINATED
    assert change.rule
    assert next_status(change.new, **kwargs) is None


@given(
    prepaid=st.booleans(),
    on=dates,
    expiry=dates,
    invoices=st.lists(dates, max_size=5),
)
def test_next_status_agrees_with_status_functions(prepaid, on, expiry, invoices):
    target = prepaid_status(expiry, on) if prepaid else postpaid_status(invoices, on)
    for current in (ACTIVE, SUSPENDED):
        change = next_status(
            current, prepaid=prepaid, on=on, expiry=expiry, open_invoice_dates=invoices
        )
        assert (change.new if change else current) is target


INVOICES = [(D("2026-01-01"), 10000), (D("2026-02-01"), 20000), (D("2026-03-01"), 30000)]


@pytest.mark.parametrize(
    ("paid", "outstanding", "open_dates"),
    [
        (0, [10000, 20000, 30000], ["2026-01-01", "2026-02-01", "2026-03-01"]),
        (5000, [5000, 20000, 30000], ["2026-01-01", "2026-02-01", "2026-03-01"]),
        (10000, [0, 20000, 30000], ["2026-02-01", "2026-03-01"]),
        (25000, [0, 5000, 30000], ["2026-02-01", "2026-03-01"]),
        (29950, [0, 50, 30000], ["2026-03-01"]),
        (29900, [0, 100, 30000], ["2026-02-01", "2026-03-01"]),
        (60000, [0, 0, 0], []),
        (90000, [0, 0, 0], []),
    ],
)
def test_allocate_fifo_table(paid, outstanding, open_dates):
    assert allocate_fifo(INVOICES, paid) == outstanding
    assert open_invoice_dates(INVOICES, paid) == [D(d) for d in open_dates]


def test_allocate_fifo_pays_oldest_date_first_even_if_listed_later():
    invoices = [(D("2026-03-01"), 30000), (D("2026-01-01"), 10000)]
    assert allocate_fifo(invoices, 15000) == [25000, 0]
    assert open_invoice_dates(invoices, 15000) == [D("2026-03-01")]


def test_allocate_fifo_refuses_bad_input():
    with pytest.raises(ValueError):
        allocate_fifo(INVOICES, -1)
    with pytest.raises(ValueError):
        allocate_fifo([(D("2026-01-01"), -5)], 0)
    with pytest.raises(TypeError):
        allocate_fifo(INVOICES, 10.0)


invoice_lists = st.lists(
    st.tuples(dates, st.integers(min_value=0, max_value=10**8)), max_size=8
).map(lambda items: sorted(items, key=lambda item: item[0]))


@given(invoice_lists, st.integers(min_value=0, max_value=10**9))
def test_allocate_fifo_properties(invoices, paid):
    outstanding = allocate_fifo(invoices, paid)
    total = sum(amount for _, amount in invoices)
    assert len(outstanding) == len(invoices)
    assert sum(outstanding) == max(0, total - paid)
    for (_, amount), due in zip(invoices, outstanding, strict=True):
        assert 0 <= due <= amount
    # oldest first: once an invoice still has something due, every later one is untouched
    touched = [due != amount for (_, amount), due in zip(invoices, outstanding, strict=True)]
    first_due = next((i for i, due in enumerate(outstanding) if due > 0), len(outstanding))
    assert not any(touched[first_due + 1 :])
    assert all(due == 0 for due in outstanding[:first_due])
    assert open_invoice_dates(invoices, paid) == [
        d for (d, _), due in zip(invoices, outstanding, strict=True) if due >= 100
    ]


ON = D("2026-12-01")
PAST, FUTURE = D("2026-11-20"), D("2026-12-20")
OVERDUE = D("2026-11-01")  # suspends on 2026-11-17
IN_GRACE = D("2026-11-25")  # suspends on 2026-12-11


@pytest.mark.parametrize(
    ("current", "prepaid", "expiry", "open_dates", "has_plan", "after"),
    [
        # Prepaid: a covering expiry reconnects a Suspended or Inactive account.
        (SUSPENDED, True, FUTURE, (), True, ACTIVE),
        (SUSPENDED, True, ON, (), True, ACTIVE),  # the expiry day is still service
        (SUSPENDED, True, PAST, (), True, SUSPENDED),  # an Advance does not renew
        (INACTIVE, True, FUTURE, (), True, ACTIVE),
        (INACTIVE, True, None, (), True, INACTIVE),
        # A payment never suspends, even when the job has not yet run.
        (ACTIVE, True, PAST, (), True, ACTIVE),
        (ACTIVE, True, FUTURE, (), True, ACTIVE),
        (TERMINATED, True, FUTURE, (), True, TERMINATED),
        # Postpaid: Suspended reconnects once nothing is left past its grace.
        (SUSPENDED, False, None, (), True, ACTIVE),
        (SUSPENDED, False, None, (IN_GRACE,), True, ACTIVE),
        (SUSPENDED, False, None, (OVERDUE,), True, SUSPENDED),
        (SUSPENDED, False, None, (), False, SUSPENDED),  # no order plan to reconnect on
        (ACTIVE, False, None, (OVERDUE,), True, ACTIVE),
        (INACTIVE, False, None, (), True, INACTIVE),  # waits for an order
        (TERMINATED, False, None, (), True, TERMINATED),
    ],
)
def test_status_after_payment(current, prepaid, expiry, open_dates, has_plan, after):
    change = status_after_payment(current, prepaid=prepaid, on=ON, expiry=expiry,
                                  open_invoice_dates=open_dates, has_plan=has_plan)
    assert (current if change is None else change.new) is after
    if change is not None:
        assert change.old is current and change.new is ACTIVE and change.rule


@given(day=st.dates(D("2000-01-01"), D("2100-01-01")), left=st.integers(-30, 30))
def test_backward_dates_invert_the_lifecycle_dates(day, left):
    assert prepaid_suspension_date(expiry_suspending_on(day)) == day
    assert postpaid_suspension_date(invoice_date_suspending_on(day)) == day
    assert grace_days_left(invoice_date_with_days_left(left, day), day) == left
    # "Suspends today" is the day after the last day with 0 days left.
    assert invoice_date_suspending_on(day) == invoice_date_with_days_left(-1, day)

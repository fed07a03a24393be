"""The kiosk look-up budgets (GCRA): never more than burst + T // interval in T seconds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from billing.kiosk_limits import (
    LOOKUP_RATE,
    LOOKUPS_PER_HOUR,
    MISS_RATE,
    MISSES_PER_HOUR,
    Rate,
    admit,
    exhausted,
    most_in,
)


def test_burst_then_one_per_interval():
    tat = None
    for _ in range(MISS_RATE.burst):
        answer = admit(tat, 0, MISS_RATE)
        assert answer.allowed
        tat = answer.tat
    refused = admit(tat, 0, MISS_RATE)
    assert not refused.allowed and refused.retry_after == MISS_RATE.interval_seconds
    assert refused.tat == tat  # a refusal costs nothing
    assert exhausted(tat, 0, MISS_RATE)
    assert admit(tat, MISS_RATE.interval_seconds, MISS_RATE).allowed


def test_the_hourly_figures():
    assert MISSES_PER_HOUR == 17 and LOOKUPS_PER_HOUR == 70
    assert most_in(3600, LOOKUP_RATE) == LOOKUP_RATE.burst + 60


@given(
    st.integers(min_value=1, max_value=600),
    st.integers(min_value=1, max_value=20),
    st.lists(st.integers(min_value=0, max_value=20_000), min_size=1, max_size=300),
    st.integers(min_value=1, max_value=20_000),
)
def test_no_window_admits_more_than_most_in(interval, burst, offsets, window):
    rate = Rate(interval, burst)
    times = sorted(offsets)
    tat = None
    admitted: list[int] = []
    for now in times:
        answer = admit(tat, now, rate)
        if answer.allowed:
            admitted.append(now)
            tat = answer.tat
    for start in admitted:
        inside = [t for t in admitted if start <= t <= start + window]
        assert len(inside) <= most_in(window, rate)

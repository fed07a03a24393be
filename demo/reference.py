"""The demo's fixed reference data (zones, branches, staff, plans…) and its small helpers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from demo import names as words

FIRST_ACCOUNT_ID = 10_000_001
#: The first account has five years of history (the detail dialog's worst case).
LONG_HISTORY_ACCOUNT_ID = FIRST_ACCOUNT_ID
LONG_HISTORY_MONTHS = 60

# Balance cases of DESIGN.md's payment-options table, with their weights.
OWES, EXACT_ONE, DUST, ZERO, CREDIT = "owes", "exact_one", "dust", "zero", "credit"
CASES = [OWES, EXACT_ONE, DUST, ZERO, CREDIT]
CASE_WEIGHTS = [26, 2, 5, 47, 20]

METHODS = ["cash", "upi", "card", "cheque", "bank_transfer"]
METHOD_WEIGHTS = [45, 35, 8, 5, 7]




_ISO: dict[int, str] = {}


def iso(day: date) -> str:
    """ISO text of a date, as SQLAlchemy's Date stores it on SQLite (memoised: hot path)."""
    ordinal = day.toordinal()
    text = _ISO.get(ordinal)
    if text is None:
        text = _ISO[ordinal] = day.isoformat()
    return text


def epoch(day: date, seconds_into_day: int) -> int:
    """A moment on a business day in India (UTC+05:30) as epoch seconds."""
    midnight_utc = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
    return int(midnight_utc) - 19_800 + seconds_into_day


def add_months(day: date, months: int, cycle_day: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(cycle_day, 28))


# -- reference data ------------------------------------------------------------------------


@dataclass
class Reference:
    zones: list[tuple[Any, ...]] = field(default_factory=list)
    branches: list[tuple[Any, ...]] = field(default_factory=list)
    areas: list[tuple[Any, ...]] = field(default_factory=list)
    staff: list[tuple[Any, ...]] = field(default_factory=list)
    resellers: list[tuple[Any, ...]] = field(default_factory=list)
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    # lookups for the account loop
    branch_ids: list[int] = field(default_factory=list)
    branch_weights: list[int] = field(default_factory=list)
    branch_code: dict[int, str] = field(default_factory=dict)
    branch_name: dict[int, str] = field(default_factory=dict)
    branch_pin: dict[int, str] = field(default_factory=dict)
    areas_of: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    managers_of: dict[int, list[int]] = field(default_factory=dict)
    sales_of: dict[int, list[int]] = field(default_factory=dict)
    resellers_of: dict[int, list[int]] = field(default_factory=dict)
    plans_for: dict[tuple[int, bool], list[tuple[int, int, int]]] = field(default_factory=dict)


def reference_data(rng: random.Random) -> Reference:
    ref = Reference()
    branch_id = area_id = staff_id = reseller_id = 0
    used_staff: set[str] = set()
    reseller_names = list(words.RESELLER_WORDS)
    for zone_id, (zone, branches) in enumerate(words.GEOGRAPHY.items(), start=1):
        ref.zones.append((zone_id, zone, 1))
        for code, name, pin, areas in branches:
            branch_id += 1
            ref.branches.append((branch_id, code, name, zone_id, "Asia/Kolkata", 1))
            ref.branch_ids.append(branch_id)
            ref.branch_weights.append(len(areas) ** 2)
            ref.branch_code[branch_id] = code
            ref.branch_name[branch_id] = name
            ref.branch_pin[branch_id] = pin
            ref.areas_of[branch_id] = []
            for area in areas:
                area_id += 1
                ref.areas.append((area_id, area, branch_id, 1))
                ref.areas_of[branch_id].append((area_id, area))
            for role, count, target in (
                ("account_manager", 3, ref.managers_of),
                ("sales_executive", 5, ref.sales_of),
            ):
                target[branch_id] = []
                for _ in range(count):
                    while True:
                        first = rng.choice(words.MALE_NAMES + words.FEMALE_NAMES)
                        person = f"{first} {rng.choice(words.FAMILY_NAMES)}"
                        if person not in used_staff:
                            used_staff.add(person)
                            break
                    staff_id += 1
                    mobile = f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"
                    ref.staff.append((staff_id, person, role, branch_id, mobile, 1))
                    target[branch_id].append(staff_id)
            ref.resellers_of[branch_id] = []
            for _ in range(max(2, len(areas) // 3)):
                reseller_id += 1
                base = reseller_names[(reseller_id - 1) % len(reseller_names)]
                reseller = f"{base}, {name}"
                ref.resellers.append((reseller_id, reseller, branch_id, 1))
                ref.resellers_of[branch_id].append(reseller_id)
    code_to_branch = {code: bid for bid, code in ref.branch_code.items()}
    for plan_id, (name, speed, validity, rupees, prepaid, branch_code) in enumerate(
        words.PLANS, start=1
    ):
        offered = code_to_branch[branch_code] if branch_code else None
        ref.plans.append((plan_id, name, speed, validity, rupees * 100, prepaid, offered, True, 1))
        for bid in ref.branch_ids:
            if offered in (None, bid):
                ref.plans_for.setdefault((bid, prepaid), []).append(
                    (plan_id, validity, rupees * 100)
                )
    for tag_id, (name, colour) in enumerate(words.TAGS, start=1):
        ref.tags.append((tag_id, name, colour, None, 1))
    return ref


def price_is_business(plan_id: int | None, ref: Reference) -> bool:
    """Business plans get static public IPs in the demo."""
    if plan_id is None:
        return False
    return bool(ref.plans[plan_id - 1][1].startswith("Business"))


def payment_reference(method: str, rng: random.Random) -> str | None:
    if method == "cash":
        return None
    if method == "upi":
        return f"UPI {rng.randrange(10**11, 10**12)}"
    if method == "card":
        return f"Card xx{rng.randrange(1000, 10000)} auth {rng.randrange(100000, 1000000)}"
    if method == "cheque":
        bank = rng.choice(["SBI", "Indian Bank", "IOB", "Canara", "KVB", "TMB"])
        return f"Cheque {rng.randrange(100000, 1000000)} {bank}"
    return f"UTR {rng.choice(['SBIN', 'IDIB', 'IOBA', 'KVBL'])}{rng.randrange(10**11, 10**12)}"

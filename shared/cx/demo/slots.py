"""The details a case talks about (customer, order, amount, dates), fixed for all its contacts."""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST_NAMES: tuple[str, ...] = (
    "James", "Olivia", "Noah", "Emma", "Ahmed", "Mia", "Lucas", "Zoe", "Ethan", "Ava", "Kofi", "Isla",
    "Mohammed", "Ella", "Leo", "Amara", "Jack", "Sophie", "Ravi", "Lily", "Oscar", "Nina", "Hugo",
    "Freya", "Ali", "Ruby", "Sam", "Anna", "Tariq", "Julia", "Felix", "Maya", "Owen", "Clara", "Kai",
    "Rosa", "Adam", "Leila", "Finn", "Hana",
)  # fmt: skip
_SURNAME_INITIALS = "ABCDEFGHJKLMNOPRSTW"
_PLANS = ("Starter", "Team", "Business", "Pro")
_DEVICES = ("iPhone", "Android phone", "iPad", "Windows laptop", "MacBook", "Pixel phone")
_DOLLARS = (9, 14, 19, 24, 29, 39, 49, 59, 79, 99, 129, 249)
_REFUND_TIMES = ("3-5 business days", "5-7 business days", "2-3 business days", "up to 10 days")


def customer_name(customer_no: int) -> str:
    return FIRST_NAMES[(customer_no * 7919) % len(FIRST_NAMES)]


def customer_email(customer_no: int) -> str:
    initial = _SURNAME_INITIALS[customer_no % len(_SURNAME_INITIALS)].lower()
    return f"{customer_name(customer_no).lower()}.{initial}{customer_no % 97}@example.com"


def case_slots(rng: random.Random, customer_no: int, opened: date, case_no: int) -> dict[str, str]:
    """Slot values for every template of one case; the same order number recurs in each contact."""
    plan, new_plan = rng.sample(_PLANS, 2)
    happened = opened - timedelta(days=rng.randint(1, 14))
    return {
        "customer": customer_name(customer_no),
        "email": customer_email(customer_no),
        "amount": f"${rng.choice(_DOLLARS)}.{rng.choice((0, 49, 99)):02d}",
        "order": f"{rng.randint(100, 999)}-{rng.randint(10000, 99999)}",
        "invoice": f"INV-{opened.year}-{rng.randint(1000, 99999):05d}",
        "date": f"{happened:%B} {happened.day}",
        "last4": f"{rng.randint(0, 9999):04d}",
        "plan": plan,
        "new_plan": new_plan,
        "device": rng.choice(_DEVICES),
        "seats": str(rng.choice((2, 3, 5, 10, 15, 25))),
        "days": rng.choice(_REFUND_TIMES),
        "app_version": f"{rng.randint(3, 5)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
        "ref": f"CS-{case_no:06d}",
    }

"""Personal data out before a conversation leaves for the model: emails, phones, cards, accounts, addresses.

Each finding is replaced by a placeholder (`[EMAIL]`, `[PHONE]`, `[CARD]`, `[ACCOUNT]`, `[ADDRESS]`). It errs
on the side of removing: any unbroken run of 8 or more digits is treated as an account number
(dates such as 2026-11-23 and times stay). Redacted text is
what the model sees, what its evidence quotes are checked against, and so what evidence stores.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
ACCOUNT_LABEL = re.compile(
    r"(?i)\b(account|acct|iban|sort code|routing)(\s*(?:number|no\.?|#|num)?\s*[:#]?\s*)"
    r"((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,})"
)
# A run of digits, possibly with one space, dash, dot or bracket between groups, optionally after a '+'.
DIGITS = re.compile(r"(?<![\w])\+?\(?\d(?:[\d]|[ .\-()]\d|\)\s?\d){5,}")
STREET = re.compile(
    r"(?i)\b\d{1,5}[A-Za-z]?\s+(?:[A-Za-z][\w'-]*\s+){1,3}"
    r"(?:street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|drive|dr|court|ct|way|place|pl|terrace|close)\b\.?"
)
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
US_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _number(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if 13 <= len(digits) <= 19 and _luhn(digits):
        return "[CARD]"
    separated = text.startswith("+") or bool(re.search(r"[ .\-()]", text))
    if separated and 9 <= len(digits) <= 15:
        return "[PHONE]"
    if len(digits) >= (16 if separated else 8):
        return "[ACCOUNT]"
    return text


def redact(text: str) -> str:
    """``text`` with personal data replaced by placeholders; text without any comes back unchanged."""
    text = EMAIL.sub("[EMAIL]", text)
    text = STREET.sub("[ADDRESS]", text)
    text = UK_POSTCODE.sub("[ADDRESS]", text)
    text = US_ZIP.sub("[ADDRESS]", text)
    text = IBAN.sub("[ACCOUNT]", text)
    text = ACCOUNT_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2)}[ACCOUNT]", text)
    return DIGITS.sub(_number, text)

"""Personal data out before a conversation leaves for the model: emails, phones, cards, accounts, addresses.

Each finding is replaced by a placeholder (`[EMAIL]`, `[PHONE]`, `[CARD]`, `[ACCOUNT]`, `[ADDRESS]`).
Phones are found by `phonenumbers` (Google's libphonenumber metadata, VALID leniency) tried in the regions a
support team meets, plus a local 7-digit number after a phone word; cards are Luhn-checked and IBANs
mod-97-checked. Postcodes: UK (any case), US state + ZIP, DE/FR 5 digits + town, NL, AU state + 4 digits,
IN PIN, JP 〒. Streets: a house number with a street word in English, French, Spanish, Italian, German or
Dutch. A conversation is checked as a whole (:func:`redact_messages`), so a card or e-mail split over two
turns goes too. Ids such as ``INV-2026-000123`` and order or ticket numbers stay. Not covered, and not
claimed: names, order numbers, dates of birth, passwords. Redacted text is what the model sees, what its
evidence quotes are checked against, and so what evidence stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from phonenumbers import Leniency, PhoneNumberMatcher

from .addresses import ADDRESSES

# Joins the turns of a conversation. The card, e-mail and address patterns read across it, the phone
# matcher sees it as a space, so data split over two turns is found; everything else sees a word break.
SEPARATOR = "\n"
REGIONS = ("GB", "US", "DE", "FR", "IN", "JP", "AU", "NL", "ES", "IT", "IE", "CA")

EMAIL = re.compile(r"[\w.+-]+\s?@\s?[\w-]+(?:\s?\.[\w-]+)*\.[A-Za-z]{2,}\b")
IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
CARD = re.compile(r"(?<![\w-])\d(?:[ \-\n]?\d){12,18}(?![\w-])")
# A label that names an account number: its value may come a turn later. A bare "account" only labels what
# follows it at once ("account: 12345678", "account is 12345678"), so "my account has 12000 points" stays.
ACCOUNT_LABEL = re.compile(
    r"(?i)\b(?:(?:bank\s+)?account|acct)\s*(?:number|no\.?|#|num)|\bacct\b|\biban\b|\bsort code\b|\brouting\b"
)
BARE_ACCOUNT = re.compile(r"(?i)\baccount\s*(?:[:=]|is\b)?\s*")
ACCOUNT_VALUE = re.compile(r"(?i)(?<![\w-])(?=[A-Z-]*\d)[A-Z]{0,3}-?\d[\d -]{3,20}\d(?![\w-])|\b[A-Z]{2}-\d{4,}\b")
YEAR_DATE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./ -]\d{1,2}[./ -]\d{4}")
ID_WORD = re.compile(
    r"(?i)\b(?:order|invoice|inv|ticket|ref(?:erence)?|case|tracking|sku|po|item)\b(?:\s*(?:number|no\.?|#|id))?\W{0,3}$"
)
PHONE_WORD = re.compile(r"(?i)\b(?:call|phone|tel|mobile|cell|ring|number|reach me|text me|whatsapp|landline)\b")
DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
LOCAL_PHONE = re.compile(r"(?<![\w-])\d{3}[ .-]\d{4}(?![\w-])")


Span = tuple[int, int, str]


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _iban_ok(text: str) -> bool:
    code = re.sub(r"\s", "", text).upper()
    if not 15 <= len(code) <= 34:
        return False
    rearranged = code[4:] + code[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _inside_id(text: str, start: int, end: int) -> bool:
    """The match is part of a token with letters (``INV-2026-000123``) or follows an id word (``order``)."""
    left, right = start, end
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] == "-"):
        left -= 1
    while right < len(text) and (text[right].isalnum() or text[right] == "-"):
        right += 1
    token = text[left:right]
    return any(ch.isalpha() for ch in token) or bool(ID_WORD.search(text[max(0, left - 15) : left]))


def _phones(text: str) -> Iterator[Span]:
    # the matcher stops at a line break; a space of the same length keeps the offsets and reads across turns
    flat = text.replace(SEPARATOR, " ")
    for region in REGIONS:
        for match in PhoneNumberMatcher(flat, region, leniency=Leniency.VALID):
            if DATE.fullmatch(match.raw_string):
                continue  # 01.12.2026 reads as a Berlin number
            if match.raw_string.startswith("+") or not _inside_id(text, match.start, match.end):
                yield match.start, match.end, "[PHONE]"
    for m in LOCAL_PHONE.finditer(text):
        if PHONE_WORD.search(text[max(0, m.start() - 30) : m.start()]) and not _inside_id(text, m.start(), m.end()):
            yield m.start(), m.end(), "[PHONE]"


def _accounts(text: str) -> Iterator[Span]:
    for m in IBAN.finditer(text):
        if _iban_ok(m.group(0)):
            yield m.start(), m.end(), "[ACCOUNT]"
    for label in ACCOUNT_LABEL.finditer(text):
        # the value may come in the customer's next turn ("What is your account number?" / "It's 98765432")
        window = text[label.end() : label.end() + 80]
        value = ACCOUNT_VALUE.search(window)
        if value and _account_like(value.group(0)) and not ID_WORD.search(window[: value.start()]):
            yield label.end() + value.start(), label.end() + value.end(), "[ACCOUNT]"
    for label in BARE_ACCOUNT.finditer(text):
        value = ACCOUNT_VALUE.match(text, label.end())
        if value and _account_like(value.group(0)):
            yield value.start(), value.end(), "[ACCOUNT]"


def _account_like(value: str) -> bool:
    """Six digits or more (a sort code has six), or letters then digits (AB-99812); never a date."""
    digits = sum(ch.isdigit() for ch in value)
    return (digits >= 6 or (value[:1].isalpha() and digits >= 4)) and not YEAR_DATE.fullmatch(value.strip())


def spans(text: str) -> list[Span]:
    """Non-overlapping (start, end, placeholder) of the personal data in ``text``, in order."""
    found: list[Span] = [(m.start(), m.end(), "[EMAIL]") for m in EMAIL.finditer(text)]
    found += [(m.start(), m.end(), "[CARD]") for m in CARD.finditer(text) if _luhn(re.sub(r"\D", "", m.group(0)))]
    found += _accounts(text)
    found += _phones(text)
    found += [(m.start(), m.end(), "[ADDRESS]") for pattern in ADDRESSES for m in pattern.finditer(text)]
    # earlier-listed kinds win a tie; a longer span swallows what it overlaps
    order = {"[EMAIL]": 0, "[CARD]": 1, "[ACCOUNT]": 2, "[PHONE]": 3, "[ADDRESS]": 4}
    found.sort(key=lambda s: (s[0], -(s[1] - s[0]), order[s[2]]))
    merged: list[Span] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    return merged


def redact_messages(texts: Sequence[str]) -> list[str]:
    """Each text with personal data replaced, the conversation read as one so data split over turns goes too."""
    joined = SEPARATOR.join(texts)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(SEPARATOR)
    out: list[str] = []
    found = spans(joined)
    for text, base in zip(texts, starts, strict=True):
        pieces, cursor = [], 0
        for start, end, kind in found:
            lo, hi = max(start - base, 0), min(end - base, len(text))
            if lo >= hi:
                continue
            pieces += [text[cursor:lo], kind]
            cursor = hi
        pieces.append(text[cursor:])
        out.append("".join(pieces))
    return out


def redact(text: str) -> str:
    """``text`` with personal data replaced by placeholders; text without any comes back unchanged."""
    return redact_messages([text])[0]

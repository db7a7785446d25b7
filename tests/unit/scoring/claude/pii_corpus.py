"""A small PII corpus: support-chat turns with the personal data the redactor promises to remove, from
several countries, and ids that must survive. Numbers are from reserved/fictional ranges (Ofcom drama,
NANP 555-01xx, card test numbers, documented example IBANs) or made up; no real person's data.

Each positive case is (kind, turns, secrets): every secret must be gone from the redacted turns. A secret
split over two turns is listed as its parts.
"""

from __future__ import annotations

POSITIVES: list[tuple[str, list[str], list[str]]] = [
    # e-mail
    ("email", ["write to jane.doe+billing@example.co.uk please"], ["jane.doe+billing@example.co.uk"]),
    ("email", ["mi correo es carlos_ruiz@correo.es"], ["carlos_ruiz@correo.es"]),
    ("email", ["my email is priya.sharma", "@example.in sorry, sent too early"], ["priya.sharma", "example.in"]),
    ("email", ["it's tanaka.hiro@", "example.jp"], ["tanaka.hiro", "example.jp"]),
    # phones: UK, US, DE, FR, IN, JP, AU, NL, ES, IT
    ("phone", ["call me on +44 20 7946 0958 after six"], ["7946 0958"]),
    ("phone", ["my mobile is 07700 900123"], ["07700 900123"]),
    ("phone", ["ring 020 7946 0958 any time"], ["020 7946 0958"]),
    ("phone", ["my number is (415) 555-0132"], ["555-0132"]),
    ("phone", ["call 212-555-0187 tomorrow"], ["212-555-0187"]),
    ("phone", ["you can call me at 555-0132"], ["555-0132"]),
    ("phone", ["phone: 867 5309"], ["867 5309"]),
    ("phone", ["meine Nummer ist 030 12345678"], ["030 12345678"]),
    ("phone", ["Handy +49 151 23456789"], ["151 23456789"]),
    ("phone", ["appelez-moi au 06 12 34 56 78"], ["06 12 34 56 78"]),
    ("phone", ["mon fixe +33 1 42 68 53 00"], ["42 68 53 00"]),
    ("phone", ["my number +91 98765 43210"], ["98765 43210"]),
    ("phone", ["call 098765 43210"], ["098765 43210"]),
    ("phone", ["denwa 03-1234-5678 desu"], ["03-1234-5678"]),
    ("phone", ["mobile +81 90-1234-5678"], ["90-1234-5678"]),
    ("phone", ["call me 0412 345 678"], ["0412 345 678"]),
    ("phone", ["office (02) 9876 5432"], ["9876 5432"]),
    ("phone", ["bel me op 06 12345678"], ["06 12345678"]),
    ("phone", ["mi teléfono es +34 612 34 56 78"], ["612 34 56 78"]),
    ("phone", ["chiamami al 347 123 4567"], ["347 123 4567"]),
    ("phone", ["call me on +44 20 7946", "0958 thanks"], ["7946", "0958"]),
    # cards (test numbers, Luhn-valid)
    ("card", ["card 4111 1111 1111 1111 was charged"], ["4111 1111 1111 1111"]),
    ("card", ["it's 4111-1111-1111-1111"], ["1111-1111"]),
    ("card", ["amex 378282246310005"], ["378282246310005"]),
    ("card", ["mastercard 5555 5555 5555 4444 please"], ["5555 5555 5555 4444"]),
    ("card", ["my card is 4111 1111", "1111 1111"], ["4111 1111", "1111 1111"]),
    # accounts and IBANs (documented example IBANs)
    ("account", ["my account number is 12345678"], ["12345678"]),
    ("account", ["acct #AB-99812 is locked"], ["AB-99812"]),
    ("account", ["What is your account number?", "It's 98765432"], ["98765432"]),
    ("account", ["IBAN GB82 WEST 1234 5698 7654 32"], ["GB82 WEST", "5698 7654 32"]),
    ("account", ["meine IBAN: DE89 3704 0044 0532 0130 00"], ["DE89 3704", "0532 0130 00"]),
    ("account", ["iban fr1420041010050500013m02606"], ["fr1420041010050500013m02606"]),
    ("account", ["NL91ABNA0417164300 is my account"], ["NL91ABNA0417164300"]),
    ("account", ["sort code 12-34-56"], ["12-34-56"]),
    ("account", ["my account is 87654321"], ["87654321"]),
    ("account", ["acct #ab-99812 please"], ["ab-99812"]),
    # addresses and postcodes
    ("address", ["I live at 221B Baker Street, London"], ["221B Baker Street"]),
    ("address", ["deliver to 14 Rosemary Gardens"], ["14 Rosemary Gardens"]),
    ("address", ["it's 3 Willow Close"], ["3 Willow Close"]),
    ("address", ["postcode NW1 6XE"], ["NW1 6XE"]),
    ("address", ["my postcode is sw1a 1aa"], ["sw1a 1aa"]),
    ("address", ["send it to 1600 Pennsylvania Ave, Washington DC 20500"], ["Pennsylvania", "20500"]),
    ("address", ["ship to 500 Market St, San Francisco CA 94103"], ["500 Market", "94103"]),
    ("address", ["Lieferung an Hauptstraße 5, 10115 Berlin"], ["Hauptstraße 5", "10115"]),
    ("address", ["bitte an Berliner Strasse 12a"], ["Berliner Strasse 12a"]),
    ("address", ["j'habite au 12 rue de la Paix, 75002 Paris"], ["rue de la Paix", "75002"]),
    ("address", ["vivo en calle Mayor 5, Madrid"], ["calle Mayor 5"]),
    ("address", ["abito in via Roma 10"], ["via Roma 10"]),
    ("address", ["mijn adres is Keizersgracht 123, 1015 CJ Amsterdam"], ["Keizersgracht 123", "1015 CJ"]),
    ("address", ["Dorpslaan 7 in Utrecht"], ["Dorpslaan 7"]),
    ("address", ["12 MG Road, Bengaluru 560001"], ["12 MG Road", "560001"]),
    ("address", ["PIN code 400 001"], ["400 001"]),
    ("address", ["〒100-0001 Chiyoda-ku 1-2-3"], ["100-0001", "Chiyoda-ku", "1-2-3"]),
    ("address", ["10 Collins Street, Melbourne VIC 3000"], ["10 Collins Street", "VIC 3000"]),
    ("address", ["I live at 42 Elm", "Street, Leeds"], ["42 Elm", "Street"]),
]

# Ordinary support text and ids that must come back unchanged.
NEGATIVES: list[str] = [
    "Invoice INV-2026-000123 was charged twice.",
    "Your order 100234567 has shipped.",
    "order #4471-2233 is late",
    "ticket 48213 is open",
    "Ref: CX-2026-11-000987",
    "tracking 1Z999AA10123456784",
    "I was charged twice on 2026-11-23 at 10:30.",
    "I paid 20 dollars 3 times, order 4471.",
    "It cost £1,234.56 on 23/11/2026.",
    "My account is locked and I can't log in!",
    "Please restart your router and wait 5 minutes.",
    "We're on version 2.14.3 of the app, build 20261123.",
    "The meeting is at 1030 AM Monday.",
    "I contacted you via Slack and via email.",
    "SKU AB-1234-XY is out of stock.",
    "Case 2026-000456 escalated.",
    "Order number 7788990011 never arrived.",
    "I waited 45 minutes on hold, 3 times.",
    "Thanks, that fixed it!",
    "My account was charged 25 dollars on 2026-11-23 at 10:30.",
    "My account (premium, 2 years) was charged 120000 yen.",
    "my account has 12000 points",
    # street words in ordinary English ("way", "park", "close", "row", "drive") after a number
    "I waited 2 hours on the way home.",
    "I paid 20 dollars to park.",
    "It took 3 days to close the ticket.",
    "I tried 5 times in a row.",
    "Give me 10 minutes to drive there.",
    "Bring 2 boxes, please.",
    "Send 1 unit via DHL 3 days ago.",
    "I have 3 items, 2 boxes, room 101.",
    "We spoke on 12/11 and 14/11; I called 5 times.",
    "I'll be in Washington DC next week.",
    "Use the discount code SAVE20 at checkout.",
]


# Written after the redactor, then measured before any change to it: 31 of 32 caught ("Am Markt 3", a German
# street with no street word, is still missed) and 2 of 12 negatives redacted: the date "01.12.2026" as a
# phone (fixed since) and "AWS account 123456789012" (a labelled account number: redacted by design, not listed).
HELD_OUT_POSITIVES: list[tuple[str, list[str], list[str]]] = [
    ("email", ["Contact: o'brien.k@mail.example.ie"], ["example.ie"]),
    ("email", ["send to MAX.MUSTER@BEISPIEL.DE"], ["MAX.MUSTER@BEISPIEL.DE"]),
    ("phone", ["ph 01632 960 001"], ["960 001"]),
    ("phone", ["US cell 1-800-555-0199"], ["555-0199"]),
    ("phone", ["text me at 646.555.0143"], ["646.555.0143"]),
    ("phone", ["Tel. 089 1234567"], ["089 1234567"]),
    ("phone", ["Mobil: 0171 1234567"], ["0171 1234567"]),
    ("phone", ["tél : 01 42 68 53 00"], ["01 42 68 53 00"]),
    ("phone", ["call +91-22-2778-1234"], ["2778-1234"]),
    ("phone", ["mob 9812345678"], ["9812345678"]),
    ("phone", ["my keitai is 080-1234-5678"], ["080-1234-5678"]),
    ("phone", ["+61 2 9876 5432 is the office"], ["9876 5432"]),
    ("phone", ["my number is 555 0147"], ["555 0147"]),
    ("phone", ["+353 1 234 5678"], ["234 5678"]),
    ("card", ["visa 4012888888881881"], ["4012888888881881"]),
    ("card", ["card no 6011 1111 1111 1117"], ["6011 1111 1111 1117"]),
    ("card", ["4111 1111 1111", "1111 is the card"], ["4111 1111 1111", "1111 is"]),
    ("account", ["IBAN: ES91 2100 0418 4502 0005 1332"], ["2100 0418 4502"]),
    ("account", ["it IT60X0542811101000000123456"], ["IT60X0542811101000000123456"]),
    ("account", ["routing number 021000021"], ["021000021"]),
    ("address", ["flat 2, 7 Station Road, Bristol BS1 4DJ"], ["7 Station Road", "BS1 4DJ"]),
    ("address", ["12 Acacia Avenue"], ["12 Acacia Avenue"]),
    ("address", ["55 Kings Crescent, Glasgow"], ["55 Kings Crescent"]),
    ("address", ["Schillerstr. 17, 80336 München"], ["Schillerstr. 17", "80336"]),
    ("address", ["Am Markt 3"], ["Am Markt 3"]),
    ("address", ["45 avenue des Champs-Élysées"], ["Champs"]),
    ("address", ["Avenida de Mayo 1370, Buenos Aires"], ["Mayo 1370"]),
    ("address", ["Piazza Navona 45, Roma"], ["Navona 45"]),
    ("address", ["Prinsengracht 263, Amsterdam"], ["Prinsengracht 263"]),
    ("address", ["350 Fifth Avenue, New York NY 10118"], ["350 Fifth Avenue", "10118"]),
    ("address", ["1 Macquarie St, Sydney NSW 2000"], ["Macquarie", "2000"]),
    ("address", ["B-12, Sector 62, Noida 201301"], ["201301"]),
]
HELD_OUT_NEGATIVES: list[str] = [
    "Your refund of 1234.56 EUR was sent on 01.12.2026.",
    "Invoice 2026/11/00045 paid",
    "PO-884213-22 approved",
    "I have order ORD-20261123-7781",
    "call back after 5 pm please",
    "Ticket #2026112300015",
    "It happened 3 or 4 times at 16:45.",
    "Model XR-500 firmware 4.2.1",
    "We have 12 Apple devices",
    "error code 0x80070005",
    "I rang you on 23 November",
]
POSITIVES += HELD_OUT_POSITIVES
NEGATIVES += HELD_OUT_NEGATIVES


def measure() -> tuple[dict[str, tuple[int, int]], list[tuple[str, str]], list[tuple[str, list[str]]]]:
    """Per kind (caught, total); the negatives that changed (before, after); the positives missed."""
    from cx.scoring.claude.redact import redact_messages

    recall: dict[str, tuple[int, int]] = {}
    missed: list[tuple[str, list[str]]] = []
    for kind, turns, secrets in POSITIVES:
        redacted = redact_messages(turns)
        caught = all(secret not in text for secret in secrets for text in redacted)
        hit, total = recall.get(kind, (0, 0))
        recall[kind] = (hit + caught, total + 1)
        if not caught:
            missed.append((kind, redacted))
    changed = [(text, after) for text in NEGATIVES if (after := redact_messages([text])[0]) != text]
    return recall, changed, missed

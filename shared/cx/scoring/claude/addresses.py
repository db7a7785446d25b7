"""Street addresses and postcodes the redactor removes, as patterns: a house number with a street word in
English, French, Spanish, Italian, German or Dutch, and UK, US, DE/FR, NL, AU, IN and JP postcodes."""

from __future__ import annotations

import re

_EN_STREET = (
    r"street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|drive|dr|court|ct|way|place|pl|terrace|close|gardens|"
    r"gdns|crescent|cres|square|sq|grove|mews|row|hill|parade|highway|hwy|park|walk|marg|nagar"
)
_LATIN_STREET = (
    r"rue|avenue|boulevard|bd|chemin|allée|impasse|quai|calle|avenida|av\.|plaza|paseo|via|viale|piazza|corso"
)
_LINK = r"(?:(?:de|del|de la|la|le|les|des|du|di|della|dei|l'|d')\s+)?"
_GERMANIC = r"straße|strasse|str\.|weg|platz|allee|gasse|damm|straat|laan|gracht|plein|kade|singel|dijk"
ADDRESSES: list[re.Pattern[str]] = [
    # 221B Baker Street, 14 Rosemary Gardens, 12 MG Road, 350 Fifth Avenue: the name capitalised, so
    # "2 hours on the way" and "20 dollars to park" stay
    re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:(?:[A-Z][\w'-]*|\d+(?:st|nd|rd|th))\s+){{1,3}}(?i:{_EN_STREET})\b\.?"),
    # 12 rue de la Paix, 8 avenida de Mayo
    re.compile(
        rf"\b\d{{1,4}}[a-z]?,?\s+(?i:{_LATIN_STREET})\s+{_LINK}[A-ZÀ-Ý][a-zà-ÿ'-][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)?"
    ),
    # calle Mayor 5, via Roma 10
    re.compile(
        rf"(?i:\b(?:{_LATIN_STREET}))\s+{_LINK}[A-ZÀ-Ý][a-zà-ÿ'-][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)?,?\s+\d{{1,4}}[a-z]?\b"
    ),
    # Hauptstraße 5, Berliner Straße 12a, Keizersgracht 123, Dorpslaan 7
    re.compile(rf"\b[A-ZÄÖÜ][\w-]{{2,}}(?:\s+)?(?i:{_GERMANIC})\s+\d{{1,4}}[a-z]?\b"),
    # JP: 〒100-0001, Chiyoda-ku 1-2-3
    re.compile(r"〒\s?\d{3}-\d{4}"),
    re.compile(r"\b[A-Z][a-z]+-(?:ku|shi|cho|machi)\b(?:,?\s+\d{1,2}-\d{1,2}(?:-\d{1,2})?)?"),
    # UK postcode, any case: NW1 6XE, sw1a 1aa
    re.compile(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
    # US: DC 20500, CA 94103-1234
    re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"),
    # DE/FR: 10115 Berlin, 75008 Paris, D-80331 München
    re.compile(r"\b(?:[DF]-)?\d{5}\s+[A-ZÄÖÜÀ-Ý][a-zäöüßà-ÿ]+"),
    # NL: 1012 AB Amsterdam
    re.compile(r"\b[1-9]\d{3}\s?(?!AM\b|PM\b)[A-Z]{2}\b(?=\s+[A-Z][a-z])"),
    # AU: NSW 2000
    re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}\b"),
    # IN PIN: "PIN 560001", ", Bengaluru 560 001"
    re.compile(r"(?i)\b(?:pin(?:\s?code)?|postal code|zip)\s*[:#-]?\s*\d{3}\s?\d{3}\b"),
    re.compile(r",\s*[A-Z][a-z]+\s*[-–]?\s*[1-9]\d{2}\s?\d{3}\b"),
]

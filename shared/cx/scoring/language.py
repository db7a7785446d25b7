"""Which language a conversation is in: a script and stopword heuristic, no model, no download.

Letters outside the Latin script decide first (kana: ja, Hangul: ko, Han: zh, Cyrillic: ru, Greek: el,
Arabic: ar, Hebrew: he, Thai: th, Devanagari: hi). Latin text is the language whose common function
words it uses most among en, de, fr, es, it, pt and nl (a tie goes to English); none leaves it "und".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

UNDETERMINED = "und"
READABLE = frozenset({"en"})  # what the offline scorer's lexicon and cues read
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE = 4000  # characters read: enough to tell, cheap on long transcripts

_STOPWORDS = {
    "en": "the a an and or but is are was were be been i you he she it we they my your me to of in on for with "
    "that this what not no yes do does did have has can could would will please thanks thank hi hello ok okay "
    "there here how when where which who am at from by just get need want like",
    "de": "der die das und oder aber ist sind war ich du er sie es wir ihr mein meine nicht kein keine ja nein "
    "mit von zu auf für ein eine einen dem den des bitte danke hallo wie was wo wann warum noch schon immer "
    "habe hat haben bin mich mir sehr",
    "fr": "le la les un une des et ou mais est sont était je tu il elle nous vous ils mon ma mes ne pas oui non "
    "avec de du au aux pour sur dans ce cette merci bonjour comment quoi où quand pourquoi encore toujours "
    "ai avez très qui que une depuis mais vous votre nos s'il plaît ça marche rien jamais toujours aussi j'ai",
    "es": "el la los las un una unos y o pero es son era yo tú él ella nosotros mi mis no sí con de del al para "
    "por en este esta gracias hola cómo qué dónde cuándo todavía siempre tengo tiene muy que se favor puede "
    "ya nunca quiero llegó está llevo también pero hay",
    "it": "il lo la gli le un una e o ma è sono era io tu lui lei noi voi mio mia non sì con di del al per su in "
    "questo questa grazie ciao come cosa dove quando ancora sempre ho ha molto che",
    "pt": "o a os as um uma e ou mas é são era eu tu ele ela nós vós meu minha não sim com de do da ao para por "
    "em este esta obrigado obrigada olá como onde quando ainda sempre tenho tem muito que",
    "nl": "de het een en of maar is zijn was ik jij hij zij wij jullie mijn niet geen ja nee met van naar op voor "
    "dit dat bedankt dank hallo hoe wat waar wanneer nog altijd heb heeft erg",
}
_LISTS = {language: frozenset(words.split()) for language, words in _STOPWORDS.items()}
_INDEX: dict[str, tuple[str, ...]] = {}
for _language, _words in _LISTS.items():
    for _word in _words:
        _INDEX[_word] = (*_INDEX.get(_word, ()), _language)
_SCRIPTS = (
    ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko"), ("CJK", "zh"), ("CYRILLIC", "ru"),
    ("GREEK", "el"), ("ARABIC", "ar"), ("HEBREW", "he"), ("THAI", "th"), ("DEVANAGARI", "hi"),
)  # fmt: skip


def detect(texts: Iterable[str]) -> str:
    """An ISO 639-1 code, or "und" when the text gives too little to tell."""
    sample = " ".join(texts)[:_SAMPLE]
    script = _script(sample)
    if script:
        return script
    hits = dict.fromkeys(_LISTS, 0)
    hits["es"] += 2 * (sample.count("¿") + sample.count("¡"))  # only Spanish opens questions and exclamations
    for word, count in Counter(_WORD.findall(sample.lower())).items():  # each distinct word looked up once
        for language in _INDEX.get(word, ()):
            hits[language] += count
    best = max(hits, key=hits.__getitem__)
    count = hits[best]
    if not count:
        return UNDETERMINED
    if best != "en" and hits["en"] >= count:
        return "en"  # a tie goes to English: short English shares many words with the others
    return best


def _script(sample: str) -> str | None:
    if sample.isascii():
        return None
    letters: Counter[str] = Counter()
    latin = 0
    for char in sample:
        if not char.isalpha():
            continue
        if char.isascii():
            latin += 1
            continue
        name = unicodedata.name(char, "")
        for prefix, language in _SCRIPTS:
            if name.startswith(prefix):
                letters[language] += 1
                break
        else:
            latin += 1  # accented Latin letters
    other = sum(letters.values())
    if other == 0 or other < 0.3 * (other + latin):
        return None
    if letters["ja"]:
        return "ja"
    return letters.most_common(1)[0][0]

"""cx.scoring.vader gives VADER's own compound, to the digit, on text built to reach every rule."""

from __future__ import annotations

import random

from vaderSentiment import vaderSentiment as reference

from cx.scoring.vader import analyzer, compound

_ANALYZER = analyzer()
_LEXICON = sorted(_ANALYZER.lexicon)
# words each rule looks for: negations, boosters, "but", "least", "kind of", "no", idioms, emphasis
_RULE_WORDS = [
    *reference.NEGATE, *reference.BOOSTER_DICT, "but", "BUT", "least", "at", "very", "kind", "of", "no", "No", "NO",
    "or", "nor", "never", "so", "this", "without", "doubt", "the", "shit", "bomb", "bad", "ass", "bus", "stop",
    "yeah", "right", "kiss", "death", "to", "die", "for", "beating", "heart", "just", "enough", "sort", "I",
]  # fmt: skip
_PLAIN = ["order", "refund", "table", "flight", "today", "my", "it", "is", "was", "the", "a", "5th", "me", "you"]
_PUNCTUATION = ["", "", "", ".", ",", "!", "!!", "!!!!!", "?", "??", "????", ":)", ":(", "...", "'", "(", ")"]


def _word(rng: random.Random) -> str:
    pool = rng.choice([_LEXICON, _RULE_WORDS, _PLAIN, _PLAIN])
    word = rng.choice(pool)
    shape = rng.random()
    if shape < 0.15:
        word = word.upper()
    elif shape < 0.25:
        word = word.capitalize()
    return str(word) + rng.choice(_PUNCTUATION)


def test_compound_is_vaders_on_generated_text() -> None:
    rng = random.Random(17)
    texts = [" ".join(_word(rng) for _ in range(rng.randint(0, 25))) for _ in range(6000)]
    texts += ["", "   ", "!!!", "???", ":) :(", "I LOVE IT", "not bad at all", "kind of good but very bad"]
    wrong = [(t, compound(t)) for t in texts if compound(t) != _ANALYZER.polarity_scores(t)["compound"]]
    assert not wrong, wrong[:5]


def test_text_beyond_ascii_is_read_as_vader_reads_it() -> None:
    for text in ["I love it 😍 but the delivery was awful 😡", "Très bien, merci!", "ſorry, I'm very unhappy"]:
        assert compound(text) == _ANALYZER.polarity_scores(text)["compound"]


def test_a_sentence_without_a_lexicon_word_is_neutral() -> None:
    assert compound("In which city should I look?") == 0.0
    assert (
        compound("The booking was unsuccessful.")
        == _ANALYZER.polarity_scores("The booking was unsuccessful.")["compound"]
    )

"""The substring gates never hide a cue match; the language heuristic tells English from the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx.scoring.language import detect
from cx.scoring.offline2.gates import GATES, may_match

PHRASES = [
    "That worked, it's all set now.", "Still not working, this is useless.", "Thanks a lot!", "That's all, bye.",
    "I will transfer you to another department.", "I already told you twice.", "I called back yesterday.",
    "I'm sorry, I understand how frustrating this is.", "I've issued a refund.", "Calm down, that's our policy.",
    "Your table has been booked successfully.", "Enjoy your meal!", "Sorry, I was unable to book it.",
    "There are no results.", "It is fully booked.", "No, I want the 5th instead.", "Show me other options.",
    "Please help me, I'd like a free room.", "The booking was unsuccessful.", "You're all set.",
]  # fmt: skip


def _texts(shared: Path | None) -> list[str]:
    texts = list(PHRASES)
    if shared is not None and (shared / "uss-sgd.jsonl").exists():
        for line in (shared / "uss-sgd.jsonl").read_text(encoding="utf-8").splitlines()[:300]:
            texts += [m["text"] for m in json.loads(line)["messages"]]
    return texts


def test_a_gate_never_rules_out_text_its_pattern_matches() -> None:
    shared = Path(__file__).resolve().parents[4] / "shared" / "data"
    for text in _texts(shared if shared.is_dir() else None):
        lowered = text.lower()
        for pattern in GATES:
            if pattern.search(text):
                assert may_match(pattern, lowered), (pattern.pattern[:40], text)


SAMPLES = {
    "en": ["My order never arrived and I want a refund.", "Can you help me book a table for two?",
           "Thanks, that fixed it!", "I have been waiting for an hour.", "Where is my parcel?"],
    "de": ["Meine Bestellung ist nicht angekommen und ich will mein Geld zurück.", "Können Sie mir bitte helfen?",
           "Danke, das hat funktioniert!", "Ich warte schon seit einer Stunde.", "Wo ist mein Paket?"],
    "fr": ["Ma commande n'est jamais arrivée et je veux un remboursement.", "Pouvez-vous m'aider, s'il vous plaît?",
           "Merci, ça marche maintenant!", "J'attends depuis une heure.", "Où est mon colis?"],
    "es": ["Mi pedido nunca llegó y quiero un reembolso.", "¿Me puede ayudar, por favor?",
           "Gracias, ya funciona!", "Llevo una hora esperando.", "¿Dónde está mi paquete?"],
    "ja": ["注文した商品がまだ届きません。", "助けてください。", "ありがとう、直りました！",
           "一時間も待っています。", "荷物はどこですか？"],
    "ru": ["Мой заказ так и не пришёл.", "Помогите мне, пожалуйста.", "Спасибо, всё работает!", "Я жду уже час.",
           "Где моя посылка?"],
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_language_of_short_customer_messages(language: str) -> None:
    found = [detect([text]) for text in SAMPLES[language]]
    right = sum(f == language for f in found)
    assert right >= 4, found  # at least 4 of 5 single short messages
    assert detect(SAMPLES[language]) == language  # a whole conversation's customer turns


def test_english_is_never_taken_for_another_language_on_real_conversations() -> None:
    shared = Path(__file__).resolve().parents[4] / "shared" / "data" / "uss-sgd.jsonl"
    if not shared.exists():
        pytest.skip("../shared/data/uss-sgd.jsonl is not here")
    found = [
        detect(m["text"] for m in json.loads(line)["messages"] if m["role"] == "customer")
        for line in shared.read_text(encoding="utf-8").splitlines()
    ]
    assert sum(f == "en" for f in found) >= 0.99 * len(found)
    assert not [f for f in found if f not in ("en", "und")]

"""Writes offline_golden.json: what both offline scorers published, before the speed-up, on a fixed set.

    PYTHONPATH=tests/unit/scoring .venv/bin/python tests/unit/scoring/golden_set.py
    PYTHONPATH=tests/unit/scoring .venv/bin/python tests/unit/scoring/golden_set.py --v3   # offline_v3_golden.json

The set is 98 demo conversations (every 75th of a 90-day demo, seed 7) plus EDGE_CASES below: long
messages, "but", capitals, emphasis, emoji, non-English text, negations. The conversations are stored
in the file too, so the test does not depend on the demo generator staying the same. The committed file
was made by the scorers of commit 8d1e7ed (before issue 17's faster scorer); rerun this only on purpose,
when a scorer's published output is meant to change (which is a new scorer version).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cx.demo.generator import generate
from cx.domain.conversation import Channel, Conversation, Message, Role
from cx.domain.evaluation import Evaluation
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline2.scorer import OfflineScorerV2

OUT = Path(__file__).with_name("golden") / "offline_golden.json"
# offline-v3 on the same conversations, as it was first published (issue 14): {conversation id: evaluation}
V3_OUT = Path(__file__).with_name("golden") / "offline_v3_golden.json"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
EDGE_CASES: list[list[tuple[str, str]]] = [
    [("customer", "My order never arrived, but the agent was GREAT!!! Thanks a lot :)"),
     ("agent", "I'm so sorry about that. I've issued a refund and you're all set."),
     ("customer", "That fixed it, thank you so much.")],
    [("customer", "This is NOT acceptable. I have called back three times and I'm still waiting."),
     ("agent", "Unfortunately I cannot do anything, that's our policy."),
     ("customer", "Useless. Forget it.")],
    [("customer", "No, I want the 5th instead. " + "The previous answer was wrong and I am not happy about it. " * 12),
     ("agent", "Let me fix that. " + "I have updated the booking and confirmed the new date for you today. " * 10),
     ("customer", "Hmm, kind of ok I guess, but not really what I wanted at all.")],
    [("customer", "Meine Bestellung ist nicht angekommen und ich will mein Geld zurück! Das ist eine Frechheit."),
     ("agent", "Es tut mir leid. Ich kümmere mich darum."),
     ("customer", "Danke, aber es ist immer noch nicht gelöst.")],
    [("customer", "注文した商品がまだ届きません。とても困っています。"),
     ("agent", "申し訳ございません。確認いたします。"),
     ("customer", "早くしてください。")],
    [("customer", "I love it 😍 but the delivery was awful 😡"),
     ("agent", "Sorry to hear that! I will make sure it does not happen again 👍"),
     ("customer", "ok thx")],
    [("customer", "I was transferred to another department twice and nobody could help. "
                  "How many times must I explain?"),
     ("agent", "I understand how frustrating this is. I'll personally follow up."),
     ("customer", "I already told you my account number. Still not working."),
     ("agent", "I'm unable to see it. I will transfer you to a supervisor."),
     ("customer", "Never mind.")],
    [("customer", "Can you find me a nice cheap restaurant please?"),
     ("agent", "There are no results for that. Would you like another city?"),
     ("customer", "No, that's all. Bye.")],
    [("customer", "Hi"), ("agent", "Hello, how can I help?"),
     ("customer", "The app crashes at least once a day; not the worst, not the best.")],
    [("customer", "ſorry, the Kelvin sign K: I'm very unhappy!!!! Is this resolved???"),
     ("agent", "Your request has been processed successfully."),
     ("customer", "Great, problem solved.")],
]  # fmt: skip


def edge_conversations() -> list[Conversation]:
    out = []
    for n, turns in enumerate(EDGE_CASES):
        start = datetime(2026, 11, 2, 9, tzinfo=UTC)
        messages = [Message(role=Role(role), text=text) for role, text in turns]
        out.append(Conversation(id=f"edge-{n:02d}", channel=Channel.CHAT, started_at=start, messages=messages))
    return out


def golden_set() -> list[Conversation]:
    demo = generate(end=date(2026, 11, 30), days=90, seed=7, tz=UTC).conversations
    return [*list(demo)[::75], *edge_conversations()]


def published(evaluation: Evaluation) -> dict[str, Any]:
    """Everything a user sees of an evaluation (not the time it was made)."""
    return evaluation.model_dump(mode="json", exclude={"evaluated_at"})


def main() -> None:
    conversations = golden_set()
    v1, v2 = OfflineScorer(), OfflineScorerV2()
    rows = [
        {
            "conversation": c.model_dump(mode="json"),
            "offline": published(v1.score(c, NOW)),
            "offline-v2": published(v2.score(c, NOW)),
        }
        for c in conversations
    ]
    OUT.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(rows)} conversations -> {OUT}")


def main_v3() -> None:
    from cx.scoring.offline3.scorer import OfflineScorerV3

    v3 = OfflineScorerV3()
    rows = json.loads(OUT.read_text(encoding="utf-8"))
    published_v3 = {}
    for row in rows:
        c = Conversation.model_validate(row["conversation"])
        published_v3[c.id] = published(v3.score(c, NOW))
    V3_OUT.write_text(json.dumps(published_v3, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(published_v3)} conversations -> {V3_OUT}")


if __name__ == "__main__":
    import sys

    main_v3() if "--v3" in sys.argv[1:] else main()

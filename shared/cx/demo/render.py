"""Turn a contact's steps into messages: pick a phrase, fill its slots, dress it for the channel."""

from __future__ import annotations

import random
from datetime import datetime

from cx.demo.phrases import PHRASES
from cx.demo.roster import TEAM_LABELS, Agent
from cx.demo.scripts import Step
from cx.demo.timing import message_times
from cx.demo.topics import Topic
from cx.domain.conversation import Channel, Message, Role

_VOICE_FILLERS = ("", "", "", "", "Um, ", "So, ", "Uh, ")


def _pool(step: Step, topic: Topic) -> tuple[str, ...]:
    if step.pool.startswith("topic."):
        phrases: tuple[str, ...] = getattr(topic, step.pool.removeprefix("topic."))
        return phrases
    return PHRASES[step.pool]


def _daypart(at: datetime) -> str:
    return "morning" if at.hour < 12 else "afternoon" if at.hour < 18 else "evening"


def _dress(text: str, step: Step, channel: Channel, slots: dict[str, str], rng: random.Random) -> str:
    if channel is Channel.EMAIL and step.role is Role.CUSTOMER:
        hello = "Hello," if slots["me"] == "" else f"Hi {slots['me']},"
        return f"{hello}\n\n{text}\n\n{slots['customer']}"
    if channel is Channel.EMAIL and step.role is Role.AGENT:
        return f"Hi {slots['customer']},\n\n{text}\n\n{slots['me']}, Customer Support"
    if channel is Channel.VOICE and step.role is Role.CUSTOMER:
        filler = rng.choice(_VOICE_FILLERS)
        return f"{filler}{text[0].lower()}{text[1:]}" if filler and not text.startswith("I") else text
    return text


def render(
    steps: list[Step],
    *,
    agents: list[Agent],
    topic: Topic,
    case_slots: dict[str, str],
    channel: Channel,
    start: datetime,
    latest: datetime,
    rng: random.Random,
) -> list[Message]:
    """Messages for ``steps``; agent ``i`` of a transfer hands over to agent ``i + 1``."""
    times = message_times(rng, start, channel, [s.role for s in steps], latest)
    messages: list[Message] = []
    replied_by = ""
    label = TEAM_LABELS[agents[0].team]
    for step, at in zip(steps, times, strict=True):
        agent = agents[step.agent]
        if step.pool in ("transfer", "transfer_again"):
            label = TEAM_LABELS[agents[step.agent + 1].team]
        elif step.role is Role.AGENT:
            label = TEAM_LABELS[agent.team]
        me = agent.first_name if step.role is Role.AGENT else replied_by
        slots = {**case_slots, "me": me, "team_label": label, "daypart": _daypart(at)}
        text = rng.choice(_pool(step, topic)).format_map(slots)
        messages.append(Message(role=step.role, text=_dress(text, step, channel, slots, rng), at=at))
        if step.role is Role.AGENT:
            replied_by = agent.first_name
    return messages

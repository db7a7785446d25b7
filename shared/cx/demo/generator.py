"""Assemble the demo data: cases day by day, each with one to four contacts, from one seeded RNG."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from cx.demo import cases
from cx.demo.mix import MAX_CONTACTS, KindDealer
from cx.demo.planted import PlantedChange, planted_changes
from cx.demo.render import render
from cx.demo.roster import AGENTS_BY_ID, JOURNEYS, SPECIALIST_SHARE, Agent, Journey
from cx.demo.scenarios import DAYS, SCENARIOS, Scenario
from cx.demo.scripts import Kind, build_steps, outcome_of
from cx.demo.slots import case_slots
from cx.demo.timing import contact_start
from cx.demo.topics import TOPICS
from cx.domain.conversation import CaseOutcome, Channel, Conversation

SOURCE = "demo"
_CUSTOMERS = 4000


@dataclass(frozen=True)
class DemoData:
    conversations: list[Conversation]
    planted: list[PlantedChange]
    start: date
    end: date


@dataclass
class _Run:
    rng: random.Random
    tz: tzinfo
    latest: datetime
    dealer: KindDealer
    case_no: int = 0
    scenario: Scenario | None = None
    end: date = date.min

    @property
    def specialist_share(self) -> float:
        return self.scenario.specialist_share if self.scenario else SPECIALIST_SHARE


def _cases_on(rng: random.Random, day: date, scenario: Scenario | None = None) -> int:
    if scenario is not None:
        return max(1, round(rng.gauss(scenario.cases_per_day, 2)))
    mean = 46 if day.weekday() >= 5 else 66
    return max(40, min(80, round(rng.gauss(mean, 6))))


def _next_start(run: _Run, after: datetime, channel: Channel, kind: Kind) -> datetime:
    candidate = after + cases.next_contact_after(run.rng, kind)
    if channel is Channel.EMAIL:
        return candidate
    start = contact_start(run.rng, candidate.date(), channel, run.tz)
    if start <= after:
        start = contact_start(run.rng, candidate.date() + timedelta(days=1), channel, run.tz)
    return start


@dataclass(frozen=True)
class _Case:
    id: str
    journey: Journey
    inquiry: str
    customer_id: str
    slots: dict[str, str]


def _planted_day(run: _Run, start: datetime, opened: datetime) -> date:
    """The day a planted change is judged on: a scenario's case day (what `/cx why` compares: a late follow-up of
    a case opened the week before counts in the previous period, so it must not carry the current week's change),
    the contact's own day in the default demo (left exactly as it was)."""
    return opened.date() if run.scenario is not None else start.date()


def _contact(
    run: _Run, case: _Case, no: int, channel: Channel, start: datetime, opened: datetime, previous: Agent | None
) -> tuple[Conversation, Kind]:
    day = _planted_day(run, start, opened)
    if run.dealer.by_team:  # a change planted in one team: its agent first (never in the default demo)
        agents = cases.choose_agents(run.rng, case.journey, previous, run.specialist_share)
        first = agents[0]
        kind, transfers = run.dealer.deal(run.rng, case.journey, channel, no, day, first.team, first.id, case.inquiry)
    else:
        kind, transfers = run.dealer.deal(run.rng, case.journey, channel, no, day)
        agents = cases.choose_agents(run.rng, case.journey, previous, run.specialist_share)
    steps = build_steps(kind, channel, no == 0, run.rng, transfers)
    messages = render(
        steps,
        agents=agents,
        topic=TOPICS[case.inquiry],
        case_slots=case.slots,
        channel=channel,
        start=start,
        latest=run.latest,
        rng=run.rng,
    )
    conversation = Conversation(
        id=f"{case.id}-{no + 1}",
        channel=channel,
        messages=messages,
        case_id=case.id,
        journey=case.journey.name,
        inquiry=case.inquiry,
        agent_id=agents[0].id,
        agent_name=agents[0].name,
        team=agents[0].team,
        customer_id=case.customer_id,
        started_at=start,
        case_opened_at=opened,
        case_outcome=outcome_of(kind, steps),
        source=SOURCE,
    )
    return conversation, kind


def _case(run: _Run, day: date) -> list[Conversation]:
    rng = run.rng
    run.case_no += 1
    journeys = run.scenario.journey_set if run.scenario else JOURNEYS
    journey = rng.choices(journeys, weights=[j.weight for j in journeys])[0]
    if run.scenario is not None:
        journey = run.scenario.journey_on(journey, day, run.end)
    inquiry = run.scenario.inquiry_on(journey, day, run.end, rng) if run.scenario else rng.choice(journey.inquiries)
    customer_no = rng.randint(1, _CUSTOMERS)
    slots = case_slots(rng, customer_no, day, run.case_no)
    case = _Case(f"CASE-{run.case_no:06d}", journey, inquiry, f"CUST-{customer_no:05d}", slots)
    channel = cases.pick_channel(rng, journey)
    start = opened = contact_start(rng, day, channel, run.tz)
    contacts: list[Conversation] = []
    for no in range(MAX_CONTACTS):
        if start >= run.latest:
            break
        previous = AGENTS_BY_ID[contacts[-1].agent_id or ""] if contacts else None
        contact, kind = _contact(run, case, no, channel, start, opened, previous)
        contacts.append(contact)
        if contact.case_outcome is CaseOutcome.RESOLVED or rng.random() >= cases.COMES_BACK[kind]:
            break
        if not run.dealer.planted(journey, channel, _planted_day(run, start, opened)):  # its customers retry there
            channel = cases.next_channel(rng, journey, channel)
        start = _next_start(run, contact.messages[-1].at or start, channel, kind)
    return contacts


def generate(end: date, days: int = 90, seed: int = 7, tz: tzinfo = UTC, scenario: str | None = None) -> DemoData:
    """Demo conversations for the ``days`` days ending on ``end`` (inclusive), the same for the same seed.

    Every timestamp falls inside the window in ``tz``; a follow-up that would fall after it is left out,
    so such a case ends as of its last contact, as a live system would show it. A ``scenario`` (see
    ``scenarios.py``) replaces the planted billing chat change with its own cause, over its own two weeks.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    plan = None
    if scenario is not None:
        if scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {scenario!r}; scenarios: {', '.join(SCENARIOS)}")
        plan, days = SCENARIOS[scenario], DAYS
    first = end - timedelta(days=days - 1)
    window_end = datetime.combine(end + timedelta(days=1), time(), tzinfo=tz)
    changes = plan.planted(end) if plan else [c for c in planted_changes(end) if c.start >= first]
    run = _Run(random.Random(seed), tz, window_end - timedelta(seconds=1), KindDealer(changes), scenario=plan, end=end)
    conversations: list[Conversation] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for _ in range(_cases_on(run.rng, day, plan)):
            conversations.extend(_case(run, day))
    conversations.sort(key=lambda c: (c.started_at or window_end, c.id))
    return DemoData(conversations=conversations, planted=changes, start=first, end=end)

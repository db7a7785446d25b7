"""Who answers and what customers ask about: teams, agents, journeys and their inquiries."""

from __future__ import annotations

from dataclasses import dataclass

from cx.domain.conversation import Channel


@dataclass(frozen=True)
class Agent:
    id: str
    name: str
    team: str

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True)
class Journey:
    name: str
    weight: float
    team: str
    inquiries: tuple[str, ...]
    channels: tuple[tuple[Channel, float], ...]
    difficulty: float = 1.0
    """Scales the chance of a poor contact (1.0 = average)."""


TEAMS: tuple[str, ...] = ("billing-payments", "orders-delivery", "accounts", "tech-support")

TEAM_LABELS: dict[str, str] = {
    "billing-payments": "billing",
    "orders-delivery": "orders",
    "accounts": "accounts",
    "tech-support": "technical support",
}
"""How agents name each team in conversation ("let me transfer you to the billing team")."""

_NAMES_BY_TEAM: dict[str, tuple[str, ...]] = {
    "billing-payments": (
        "Priya Raman", "Daniel Okafor", "Sofia Martinez", "Liam O'Connor",
        "Hannah Becker", "Marcus Chen", "Aisha Khan", "Tom Whitfield",
    ),
    "orders-delivery": (
        "Grace Mensah", "Lucas Ferreira", "Emily Novak", "Omar Haddad",
        "Chloe Dubois", "Ryan Patel", "Ingrid Larsen", "Mateo Rossi",
    ),
    "accounts": (
        "Yuki Tanaka", "Fatima Zahra", "Ben Adeyemi", "Laura Schmidt",
        "Kevin Walsh", "Nadia Petrova", "Jonas Berg",
    ),
    "tech-support": (
        "Arjun Mehta", "Sarah Goldberg", "Diego Alvarez", "Mei Lin",
        "Chris Murphy", "Elena Popescu", "Samuel Osei",
    ),
}  # fmt: skip

AGENTS: tuple[Agent, ...] = tuple(
    Agent(id=f"U0AGENT{n:02d}", name=name, team=team)
    for n, (team, name) in enumerate(((team, name) for team in TEAMS for name in _NAMES_BY_TEAM[team]), start=1)
)

AGENTS_BY_ID: dict[str, Agent] = {a.id: a for a in AGENTS}
AGENTS_BY_TEAM: dict[str, tuple[Agent, ...]] = {team: tuple(a for a in AGENTS if a.team == team) for team in TEAMS}

_C, _E, _V = Channel.CHAT, Channel.EMAIL, Channel.VOICE

JOURNEYS: tuple[Journey, ...] = (
    Journey("billing", 0.18, "billing-payments",
            ("refund", "double-charge", "invoice-copy", "unexpected-fee"),
            ((_C, 0.55), (_E, 0.30), (_V, 0.15))),
    Journey("delivery", 0.16, "orders-delivery",
            ("late-delivery", "missing-parcel", "wrong-address"),
            ((_C, 0.50), (_E, 0.25), (_V, 0.25)), difficulty=1.2),
    Journey("technical-issue", 0.14, "tech-support",
            ("app-crash", "sync-error", "slow-performance"),
            ((_C, 0.40), (_E, 0.40), (_V, 0.20)), difficulty=1.3),
    Journey("account-access", 0.12, "accounts",
            ("password-reset", "locked-account", "two-factor"),
            ((_C, 0.45), (_E, 0.20), (_V, 0.35))),
    Journey("returns", 0.11, "orders-delivery",
            ("return-label", "refund-status", "damaged-item"),
            ((_C, 0.45), (_E, 0.40), (_V, 0.15))),
    Journey("onboarding", 0.10, "accounts",
            ("setup-help", "verify-email", "import-data"),
            ((_C, 0.45), (_E, 0.40), (_V, 0.15)), difficulty=0.7),
    Journey("plan-change", 0.10, "billing-payments",
            ("upgrade", "downgrade", "add-seats"),
            ((_C, 0.50), (_E, 0.30), (_V, 0.20)), difficulty=0.8),
    Journey("cancellation", 0.09, "accounts",
            ("cancel-subscription", "cancel-order"),
            ((_C, 0.35), (_E, 0.25), (_V, 0.40))),
)  # fmt: skip

JOURNEYS_BY_NAME: dict[str, Journey] = {j.name: j for j in JOURNEYS}

SPECIALIST_SHARE = 0.8
"""Share of a journey's contacts answered by its own team; the rest land on any other team."""

"""Who may see what: the role rules, and refusals that carry no data."""

from __future__ import annotations

import pytest

from cx.access import NO_ROLES, Refused, Roles, allowed_slice, may_see_case, viewer
from cx.reports.slices import EVERYTHING, Slice

ROLES = Roles(managers=["UM"], leads={"UL": ["alpha", "beta"]}, agents={"UA": "agent-7"})


@pytest.mark.parametrize("roles", [None, Roles()])
def test_without_roles_everyone_is_refused_with_how_to_set_them(roles: Roles | None) -> None:
    with pytest.raises(Refused) as refused:
        viewer(roles, "UM")
    assert str(refused.value) == NO_ROLES and "cx roles set" in NO_ROLES


def test_a_manager_gets_what_they_ask_for() -> None:
    assert allowed_slice(viewer(ROLES, "UM"), Slice("team", ("gamma",))) == Slice("team", ("gamma",))


def test_a_lead_is_narrowed_to_their_teams_and_refused_others() -> None:
    lead = viewer(ROLES, "UL")
    assert allowed_slice(lead, EVERYTHING) == Slice("team", ("alpha", "beta"))
    assert allowed_slice(lead, Slice("team", ("beta",))) == Slice("team", ("beta",))
    with pytest.raises(Refused, match="your teams'"):
        allowed_slice(lead, Slice("team", ("gamma",)))
    with pytest.raises(Refused):
        allowed_slice(lead, Slice("channel", ("chat",)))


def test_an_agent_sees_their_own_figures_and_cases_only() -> None:
    agent = viewer(ROLES, "UA")
    assert allowed_slice(agent, EVERYTHING) == Slice("agent", ("agent-7",))
    with pytest.raises(Refused, match="your own"):
        allowed_slice(agent, Slice("agent", ("agent-8",)))
    assert may_see_case(agent, {"alpha"}, {"agent-7", "agent-1"})
    assert not may_see_case(agent, {"alpha"}, {"agent-1"})


def test_a_lead_sees_a_case_touched_by_their_team() -> None:
    lead = viewer(ROLES, "UL")
    assert may_see_case(lead, {"beta", "delta"}, set())
    assert not may_see_case(lead, {"delta"}, set())


def test_a_stranger_is_refused() -> None:
    with pytest.raises(Refused, match="don't have a CX reporting role"):
        viewer(ROLES, "U0NOBODY")

"""Whose numbers a viewer may see: agents their own, leads their teams' agents, managers everyone."""

from __future__ import annotations

from cx.access import Refused, Roles, Viewer

NOT_AN_AGENT = (
    "`/cx me` shows an agent's own numbers, and you aren't set up as an agent. "
    "Use `/cx agent @user` to see one of your agents."
)
ONLY_OWN = "Sorry, agents can only see their own numbers: try `/cx me`."


def agent_id_of(roles: Roles | None, slack_user: str) -> str:
    """The agent id in the data for a Slack user: as the roles map it, else the user id itself."""
    return (roles.agents.get(slack_user) if roles else None) or slack_user


def subject(who: Viewer, roles: Roles | None, asked_user: str | None) -> str:
    """The agent id whose numbers are asked for, refused before any data is read when it cannot be allowed."""
    if asked_user is None:
        if who.role != "agent" or not who.agent_id:
            raise Refused(NOT_AN_AGENT)
        return who.agent_id
    agent = agent_id_of(roles, asked_user)
    if who.role == "agent" and agent != who.agent_id:
        raise Refused(ONLY_OWN)
    return agent


def check_team(who: Viewer, agent: str, team: str | None, name: str | None = None) -> None:
    """After reading: a lead sees an agent only when the agent answered for one of the lead's teams."""
    if who.role == "lead" and team not in who.teams:
        raise Refused(
            f"Sorry, {name or agent} isn't in your teams ({', '.join(who.teams)}), so I can't show their numbers."
        )

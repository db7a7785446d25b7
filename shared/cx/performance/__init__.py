"""Agent performance per inquiry: the agent against every agent on the same inquiry, from aggregate rows."""

"""Conversations from help desks (Intercom, Zendesk): signed notifications in, whole conversations fetched."""

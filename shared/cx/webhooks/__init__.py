"""Webhook payloads from support tools (Intercom, Zendesk, the product's own JSON) and their signatures."""

"""The Claude scorer: prompt, tool schema, response checks and PII redaction (no SDK here) plus the adapter.

Only `adapter.py` imports `anthropic`, and only when a conversation is scored.
"""

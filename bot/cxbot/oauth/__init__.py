"""Slack's OAuth install ("Add to Slack"): installations and OAuth states in DynamoDB, the workspace of a request."""

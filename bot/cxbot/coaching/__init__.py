"""The coaching plan wizard's state and the Slack side of the daily progress DMs."""

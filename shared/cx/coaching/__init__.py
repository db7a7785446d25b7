"""Coaching plans: an agent's commitment to improve one metric on one inquiry by a date, and its daily progress."""

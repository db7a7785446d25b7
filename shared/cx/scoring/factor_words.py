"""Reason factors in a manager's words: `negative_sentiment` is read as "Customer sounded negative".

The ids are the scorers' stable names (the rubrics in ``cx/scoring/rubrics`` list them); CSV exports keep them.
The evaluation view, `/cx why` and the digest's why line all say a factor with these words.
A factor not listed here (a new rubric's) is shown with its underscores as spaces, capitalised.
"""

from __future__ import annotations

WORDS = {
    # offline rubrics
    "resolved": "Resolved",
    "partly_resolved": "Only partly resolved",
    "unresolved": "Not resolved",
    "positive_sentiment": "Customer sounded positive",
    "negative_sentiment": "Customer sounded negative",
    "high_effort": "Hard work for the customer",
    "customer_repeats_information": "Customer had to repeat themselves",
    "transferred": "Transferred",
    "repeated_transfer": "Transferred more than once",
    "repeat_contact": "Customer had to get in touch again",
    "agent_friendly_tone": "Agent's tone was friendly",
    "agent_negative_tone": "Agent's tone was negative",
    "agent_empathy": "Agent showed empathy",
    "agent_ownership": "Agent took ownership",
    "rude_or_dismissive_agent": "Agent was rude or dismissive",
    "agent_could_not_help": "Agent could not help",
    "agent_confirms_outcome": "Agent confirmed the outcome",  # offline-v2
    "customer_approves": "Customer approved of the answers",  # offline-v3
    "customer_turned_down": "Customer turned answers down or corrected them",
    "agent_checks_and_offers": "Agent checked details and offered options",
    "customer_asks": "Customer's questions and long turns",
    # the Claude rubric
    "understanding": "Understanding the problem",
    "ownership": "Ownership",
    "resolution": "Resolution",
    "effort": "Customer effort",
    "tone": "Tone",
}


def factor_words(factor: str) -> str:
    """A reason factor as words people read (never the raw id)."""
    return WORDS.get(factor) or factor.replace("_", " ").strip().capitalize() or factor

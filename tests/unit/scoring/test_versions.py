"""Scorer versions: validated parameters, kinds built from them, names every view reads the same way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cx.aggregation.contribution import scorer_label
from cx.bootstrap import build_shadow
from cx.config import ConfigError, Settings
from cx.domain.conversation import Conversation
from cx.explain.scorer_change import VersionChange
from cx.scoring.kinds import ClaudeAccess, KindContext, build, mapped, parse_params, validate
from cx.scoring.offline import OfflineScorer
from cx.scoring.versions import (
    InvalidVersion,
    ScorerVersion,
    check_name,
    find,
    names_for,
    title,
    title_of_label,
    titles,
)

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
HAIKU, SONNET = "claude-haiku-4-5-20251001", "claude-sonnet-5-5"
CHAT = Conversation.model_validate(
    {
        "id": "c-1",
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": "My invoice is wrong again."},
            {"role": "agent", "text": "I'm sorry, I have corrected it and refunded the difference."},
            {"role": "customer", "text": "Thanks, that fixed it!"},
        ],
    }
)
ENV = {"CX_CONVERSATIONS_TABLE": "c", "CX_EVALUATIONS_TABLE": "e", "CX_AGGREGATES_TABLE": "a"}


def _version(name: str, kind: str, **params: object) -> ScorerVersion:
    return ScorerVersion(name=name, kind=kind, params=validate(kind, params), created_by="ana", created_at=NOW)


@pytest.mark.parametrize(
    ("kind", "params", "says"),
    [
        ("offline", {"weights": {"nope": 1}}, "weights.nope: no such weight"),
        ("offline", {"weights": {"sentiment": "high"}}, "a weight is a number"),
        ("offline", {"cuts": [3, 2, 4, 5]}, "four increasing values"),
        ("offline", {"rubric": "x"}, "the offline kind takes cuts, weights; not rubric"),
        ("claude", {}, "is not a Claude model id"),
        ("claude", {"model": HAIKU, "rubric": "claude-v9"}, "rubrics are claude-v1"),
        ("gpt", {}, "unknown scorer kind `gpt`; kinds are: claude, offline, offline-v2, offline-v3"),
    ],
)
def test_bad_parameters_are_refused_with_what_to_write(kind: str, params: dict[str, object], says: str) -> None:
    with pytest.raises(InvalidVersion, match=says):
        validate(kind, params)


def test_names_are_checked_and_builtins_are_not_taken() -> None:
    assert check_name("offline-w2") == "offline-w2"
    for bad, says in (("offline", "built-in"), ("2fast", "starts with a lower-case letter"), ("A b", "lower-case")):
        with pytest.raises(InvalidVersion, match=says):
            check_name(bad)


def test_parameters_from_the_command_line_nest_and_become_numbers() -> None:
    assert parse_params(["weights.sentiment=3", "weights.base=2.2", "cuts=1.5,2.5,3.5,4.5", "model=x"]) == {
        "weights": {"sentiment": 3, "base": 2.2},
        "cuts": [1.5, 2.5, 3.5, 4.5],
        "model": "x",
    }
    with pytest.raises(InvalidVersion, match="key=value"):
        parse_params(["weights"])


def test_an_offline_version_scores_under_its_own_name_with_its_weights_and_mapping() -> None:
    builtin = OfflineScorer().score(CHAT, NOW)
    heavier = build(_version("w2", "offline", weights={"base": 1.5}), KindContext()).score(CHAT, NOW)
    mapped_version = build(_version("cal", "offline", cuts=[1.0, 1.1, 1.2, 1.3]), KindContext())
    generous = mapped_version.score(CHAT, NOW)

    assert heavier.scorer.version == "w2" and heavier.id != builtin.id, "a new version is scored anew, not skipped"
    assert heavier.cx_score < builtin.cx_score
    assert generous.cx_score == 5 and generous.scorer.version == "cal"
    assert [mapped(raw, [1.5, 2.5, 3.5, 4.5]) for raw in (1.0, 1.5, 2.49, 3.6, 5.0)] == [1, 2, 2, 4, 5]
    same = build(ScorerVersion(name="offline", kind="offline", created_by="deploy", created_at=NOW), KindContext())
    assert same.info == OfflineScorer().info, "the built-in keeps the label its evaluations always had"


def test_a_claude_version_needs_the_api_and_carries_its_name_model_and_rubric() -> None:
    version = _version("claude-sonnet-a", "claude", model=SONNET)
    with pytest.raises(InvalidVersion, match="set the API key"):
        build(version, KindContext())
    scorer = build(version, KindContext(ClaudeAccess(api_key=lambda: "sk-ant-test", base_url="http://127.0.0.1:9")))
    assert (scorer.info.name, scorer.info.version, scorer.info.model) == ("claude", "claude-sonnet-a", SONNET)
    assert scorer.info.rubric_version == "claude-v2"


def test_views_name_versions_as_the_operator_does() -> None:
    builtin = scorer_label(OfflineScorer().info)
    created = scorer_label(OfflineScorer(version="w2").info)
    assert title_of_label(builtin) == "offline" and title_of_label(created) == "w2"
    assert title(OfflineScorer(version="w2").info) == "w2"
    assert VersionChange(NOW.date(), (builtin,), (created,)).describe() == "offline → w2"
    haiku, sonnet = f"claude@1.0.0+{HAIKU}/{HAIKU}/claude-v2", f"claude@1.0.0+{SONNET}/{SONNET}/claude-v2"
    assert titles([haiku], [sonnet]) == (haiku, sonnet), "the same name on both sides: the full labels say what changed"


def test_an_unknown_version_lists_the_ones_there_are() -> None:
    with pytest.raises(
        InvalidVersion, match="no scorer version `w9`; versions are: offline, offline-v2, offline-v3, claude"
    ):
        find(None, "w9", HAIKU)


def test_claude_can_shadow_from_configuration_when_a_model_and_key_are_set() -> None:
    """CX_SHADOW_SCORER=claude used to be refused ("available scorers are: offline")."""
    env = {**ENV, "CX_SHADOW_SCORER": "claude", "CX_SHADOW_SHARE": "0.3"}
    with pytest.raises(ConfigError, match="CX_SHADOW_SCORER='claude': set CX_CLAUDE_MODEL"):
        build_shadow(Settings.from_env(env))
    configured = {**env, "CX_CLAUDE_MODEL": HAIKU, "ANTHROPIC_API_KEY": "sk-ant-test"}
    shadow = build_shadow(Settings.from_env(configured))
    assert shadow is not None and shadow.scorer.info.name == "claude" and shadow.share == 0.3


def test_two_versions_under_one_name_are_told_apart_by_their_labels() -> None:
    v1, v2 = "offline@1.0.0/vader/offline-v1", "offline@1.1.0/vader/offline-v1-strict"
    assert names_for([v1, v2]) == {v1: v1, v2: v2}
    assert names_for([v1, "offline@w2/vader/offline-v1"]) == {v1: "offline", "offline@w2/vader/offline-v1": "w2"}

"""The template's scorer settings agree with what config.py accepts; the webhook route has its secret."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cx.config import ConfigError, Settings
from cx.scoring.claude.pricing import price_of
from cxlocal.template_tables import load_template

TEMPLATE = load_template()
PARAMETERS: dict[str, Any] = TEMPLATE["Parameters"]
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
TABLES = {"CX_CONVERSATIONS_TABLE": "c", "CX_EVALUATIONS_TABLE": "e", "CX_AGGREGATES_TABLE": "a"}


def _env(function: str) -> dict[str, Any]:
    return dict(RESOURCES[function]["Properties"]["Environment"]["Variables"])


def test_every_allowed_scorer_with_the_default_model_is_accepted_by_the_settings() -> None:
    model = PARAMETERS["ClaudeModel"]["Default"]

    assert price_of(model) is not None
    for scorer in PARAMETERS["Scorer"]["AllowedValues"]:
        env = {**TABLES, "CX_SCORER": scorer, "CX_CLAUDE_MODEL": model, "CX_ANTHROPIC_SECRET_ARN": "arn"}
        assert Settings.from_env(env).scorer == scorer


def test_the_score_function_gets_the_model_and_may_read_only_its_secret() -> None:
    env = _env("ScoreFunction")
    policies = RESOURCES["ScoreFunction"]["Properties"]["Policies"]
    secrets = [
        p["AWSSecretsManagerGetSecretValuePolicy"] for p in policies if "AWSSecretsManagerGetSecretValuePolicy" in p
    ]

    assert env["CX_CLAUDE_MODEL"] == {"Fn::If": ["UseBedrock", {"Ref": "BedrockModel"}, {"Ref": "ClaudeModel"}]}
    assert env["CX_CLAUDE_PROVIDER"] == {"Ref": "ClaudeProvider"}
    assert env["CX_ANTHROPIC_SECRET_ARN"] == {"Ref": "AnthropicSecret"}
    assert secrets == [{"SecretArn": {"Ref": "AnthropicSecret"}}]


def test_the_webhook_route_is_served_by_the_ingest_function_with_its_secret() -> None:
    props = RESOURCES["IngestFunction"]["Properties"]
    routes = {(e["Properties"]["Method"], e["Properties"]["Path"]) for e in props["Events"].values()}
    secrets = [p for p in props["Policies"] if "AWSSecretsManagerGetSecretValuePolicy" in p]

    assert ("POST", "/webhook") in routes
    assert _env("IngestFunction")["CX_WEBHOOK_SECRET_ARN"] == {"Ref": "WebhookSecret"}
    assert secrets == [
        {"AWSSecretsManagerGetSecretValuePolicy": {"SecretArn": {"Ref": "WebhookSecret"}}},
        {"AWSSecretsManagerGetSecretValuePolicy": {"SecretArn": {"Ref": "HelpdeskSigningSecret"}}},
    ]
    assert RESOURCES["WebhookSecret"]["Type"] == "AWS::SecretsManager::Secret"


def test_help_desk_secrets_are_split_by_who_reads_them() -> None:
    """The ingest function holds only the signing keys; the fetch function only the API tokens."""
    ingest = json.dumps(RESOURCES["IngestFunction"]["Properties"]["Policies"])
    fetch = json.dumps(RESOURCES["HelpdeskFetchFunction"]["Properties"]["Policies"])
    assert "HelpdeskSigningSecret" in ingest and "HelpdeskApiSecret" not in ingest
    assert "HelpdeskApiSecret" in fetch and "HelpdeskSigningSecret" not in fetch
    assert ("POST", "/webhook/intercom") in {
        (e["Properties"]["Method"], e["Properties"]["Path"])
        for e in RESOURCES["IngestFunction"]["Properties"]["Events"].values()
    }


def _granted(function: str, action: str) -> list[Any]:
    """The resources of the function's inline statements that allow ``action``."""
    policies = RESOURCES[function]["Properties"]["Policies"]
    statements = [s for p in policies if "Statement" in p for s in p["Statement"]]
    return [s for s in statements if action in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]


def test_each_function_reads_only_its_own_kind_of_a_workspace_s_help_desk_secrets() -> None:
    """Per workspace, the ingest function reads the signing keys (to verify its webhooks) and the fetch function
    the API tokens, each by name under the stack's prefix; neither may read the other's, nor another stack's."""
    prefix = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${AWS::StackName}/workspace/"
    for function, kind in (("IngestFunction", "helpdesk-signing"), ("HelpdeskFetchFunction", "helpdesk-api")):
        [statement] = _granted(function, "secretsmanager:GetSecretValue")
        assert statement["Resource"] == {"Fn::Sub": f"{prefix}*/{kind}-??????"}
        assert _env(function)["CX_WORKSPACE_SECRETS_PREFIX"] == {"Fn::Sub": "${AWS::StackName}/workspace/"}


def test_the_ingest_function_reads_the_installed_workspaces_and_key_hashes_not_the_bot_tokens() -> None:
    [statement] = _granted("IngestFunction", "dynamodb:GetItem")
    assert statement["Resource"] == {"Fn::GetAtt": ["InstallationsTable", "Arn"]}
    assert sorted(statement["Action"]) == ["dynamodb:GetItem", "dynamodb:Query"]
    leading = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
    assert leading == ["workspaces", "ingestkeys#*"]
    from cx.adapters.dynamo.ingest_keys import KEYS_PK
    from cx.adapters.dynamo.installations import WORKSPACES_PK

    assert (WORKSPACES_PK, f"{KEYS_PK}*") == tuple(leading)  # the keys the code reads are the ones allowed


@pytest.mark.parametrize(
    ("model", "accepted"),
    [
        ("claude-haiku-4-5", True),
        ("claude-sonnet-4-5", True),
        ("claude-opus-4-1", True),
        ("claude-haiku-4-5-20251001", True),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", True),
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", True),
        ("sonnet", False),
        ("gpt-4o", False),
    ],
)
def test_the_model_parameter_takes_the_forms_the_settings_take(model: str, accepted: bool) -> None:
    """CloudFormation's AllowedPattern and the settings agree, so a deploy never starts with a refused model."""
    pattern = re.compile(PARAMETERS["ClaudeModel"]["AllowedPattern"])
    env = {
        **TABLES,
        "CX_SCORER": "claude",
        "CX_CLAUDE_MODEL": model,
        "ANTHROPIC_API_KEY": "k",
        "AWS_REGION": "eu-west-1",
    }
    if model.split(".")[0] in ("anthropic", "us"):
        env["CX_CLAUDE_PROVIDER"] = "bedrock"

    assert bool(pattern.fullmatch(model)) is accepted
    if accepted:
        assert Settings.from_env(env).claude is not None
    else:
        with pytest.raises(ConfigError):
            Settings.from_env(env)


def test_only_a_bedrock_deploy_may_invoke_claude_models_on_bedrock_and_nothing_else() -> None:
    policies = RESOURCES["ScoreFunction"]["Properties"]["Policies"]
    conditional = [p["Fn::If"] for p in policies if "Fn::If" in p]
    anywhere = json.dumps([p for p in policies if "Fn::If" not in p])

    assert "bedrock" not in anywhere  # an Anthropic API deploy holds no Bedrock permission
    assert len(conditional) == 1
    condition, chosen, otherwise = conditional[0]
    assert TEMPLATE["Conditions"][condition] == {"Fn::Equals": [{"Ref": "ClaudeProvider"}, "bedrock"]}
    assert otherwise == {"Ref": "AWS::NoValue"}
    (statement,) = chosen["Statement"]
    assert statement["Effect"] == "Allow" and statement["Action"] == "bedrock:InvokeModel"
    resources = [r["Fn::Sub"] for r in statement["Resource"]]
    assert resources == [
        "arn:${AWS::Partition}:bedrock:*::foundation-model/anthropic.claude-*",
        "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/*anthropic.claude-*",
    ]


def test_the_bedrock_model_parameter_is_a_bedrock_id_the_settings_take() -> None:
    model = PARAMETERS["BedrockModel"]["Default"]
    env = {**TABLES, "CX_SCORER": "claude", "CX_CLAUDE_MODEL": model, "CX_CLAUDE_PROVIDER": "bedrock"}

    assert re.fullmatch(PARAMETERS["BedrockModel"]["AllowedPattern"], model)
    assert not re.fullmatch(PARAMETERS["BedrockModel"]["AllowedPattern"], "claude-haiku-4-5")
    claude = Settings.from_env({**env, "AWS_REGION": "eu-west-1"}).claude
    assert claude is not None and claude.provider == "bedrock" and claude.region == "eu-west-1"
    assert claude.api_key_env is None and claude.secret_arn is None
    assert PARAMETERS["ClaudeProvider"]["AllowedValues"] == ["anthropic", "bedrock"]


def test_the_score_function_runs_calls_in_parallel_and_stops_starting_them_before_its_timeout() -> None:
    env = _env("ScoreFunction")
    settings = Settings.from_env(TABLES)

    assert env["CX_SCORE_CONCURRENCY"] == {"Ref": "ScoreCallConcurrency"}
    assert PARAMETERS["ScoreCallConcurrency"]["Default"] > 1
    # a record may start until CX_SCORE_START_SECONDS are left: less than the whole timeout, or none would start
    assert settings.score_start_seconds < RESOURCES["ScoreFunction"]["Properties"]["Timeout"]

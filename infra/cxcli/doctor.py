"""`cx doctor --stack NAME`: is a deployed stack ready to answer /cx? Each check says how to fix it."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

TABLE_OUTPUTS = ("ConversationsTableName", "EvaluationsTableName", "AggregatesTableName")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # not ok, but the stack works: said, never counted as a failure


@dataclass(frozen=True)
class Stack:
    outputs: dict[str, str]
    parameters: dict[str, str]


def describe(stack: str, region: str | None) -> Stack:
    cloudformation = boto3.client("cloudformation", region_name=region)
    found = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    return Stack(
        {o["OutputKey"]: o["OutputValue"] for o in found.get("Outputs", [])},
        {p["ParameterKey"]: p.get("ParameterValue", "") for p in found.get("Parameters", [])},
    )


def _tables(stack: Stack, region: str | None) -> list[Check]:
    dynamodb = boto3.client("dynamodb", region_name=region)
    checks = []
    for output in TABLE_OUTPUTS:
        name = stack.outputs.get(output, "")
        try:
            status = dynamodb.describe_table(TableName=name)["Table"]["TableStatus"]
            checks.append(Check(f"table {name}", status == "ACTIVE", status, "wait for the deploy to finish"))
        except Exception as exc:
            checks.append(Check(f"table {output}", False, str(exc), "redeploy with `sam deploy`; check the region"))
    return checks


def _secret(arn: str, region: str | None) -> dict[str, Any]:
    value = boto3.client("secretsmanager", region_name=region).get_secret_value(SecretId=arn)["SecretString"]
    parsed = json.loads(value or "{}")
    return parsed if isinstance(parsed, dict) else {}


def _slack(stack: Stack, region: str | None) -> list[Check]:
    arn = stack.outputs.get("SlackSecretArn", "")
    put = (
        f"aws secretsmanager put-secret-value --secret-id {arn} --secret-string "
        '\'{"signing_secret": "…", "bot_token": "xoxb-…"}\' (Slack app: Basic Information, OAuth & Permissions)'
    )
    try:
        secret = _secret(arn, region)
    except Exception as exc:
        return [Check("Slack secret", False, str(exc), put)]
    if secret.get("client_id"):  # workspaces install the app ("Add to Slack"): each token is in the installations table
        missing = [k for k in ("signing_secret", "client_secret") if not secret.get(k)]
        found = "present (Add to Slack: GET /slack/install)"
        return [Check("Slack secret", not missing, f"missing {', '.join(missing)}" if missing else found, put)]
    missing = [k for k in ("signing_secret", "bot_token") if not secret.get(k)]
    checks = [Check("Slack secret", not missing, f"missing {', '.join(missing)}" if missing else "present", put)]
    if not secret.get("bot_token"):
        return checks
    client = WebClient(token=secret["bot_token"], base_url=os.environ.get("CX_SLACK_API_URL", WebClient.BASE_URL))
    try:
        team = client.auth_test().get("team", "?")
        checks.append(Check("Slack bot token", True, f"valid for workspace {team}"))
    except SlackApiError as exc:
        reason = exc.response.get("error", "invalid")
        checks.append(
            Check("Slack bot token", False, reason, "install the app to the workspace and copy its xoxb- token")
        )
    return checks


def _endpoint(stack: Stack) -> Check:
    url = stack.outputs.get("ApiUrl", "")
    try:
        urllib.request.urlopen(url, timeout=5)
        return Check("API endpoint", True, url)
    except urllib.error.HTTPError as exc:  # any HTTP answer means API Gateway is there
        return Check("API endpoint", True, f"{url} answers (HTTP {exc.code})")
    except (urllib.error.URLError, ValueError, TimeoutError) as exc:
        return Check("API endpoint", False, f"{url}: {exc}", "check the stack finished deploying and the URL output")


def _scorer(stack: Stack, region: str | None) -> Check:
    scorer = stack.parameters.get("Scorer", "offline")
    if scorer == "offline":
        return Check("scorer", True, "offline scorer: needs no network and no key")
    if stack.parameters.get("ClaudeProvider") == "bedrock":
        model = stack.parameters.get("BedrockModel", "")
        return Check(
            "scorer",
            True,
            f"{scorer} on Amazon Bedrock ({model}): no API key, the score function's IAM role signs",
            "enable the model under Bedrock → Model access in this region",
        )
    try:
        has_key = bool(_secret(stack.outputs.get("AnthropicSecretArn", ""), region).get("api_key"))
    except Exception as exc:
        return Check("scorer", False, str(exc), 'put {"api_key": "sk-ant-…"} in the Anthropic secret')
    return Check(
        "scorer",
        has_key,
        f"{scorer}: API key {'present' if has_key else 'missing'}",
        'put {"api_key": "sk-ant-…"} in the Anthropic secret',
    )


HELPDESK_NEEDS = {
    "Intercom": (("intercom_client_secret",), ("intercom_access_token",)),
    "Zendesk": (("zendesk_signing_secret",), ("zendesk_subdomain", "zendesk_email", "zendesk_api_token")),
}


def _helpdesks(stack: Stack, region: str | None) -> list[Check]:
    """A help desk is connected once any of its keys is set; then every key it needs must be."""
    arns = (stack.outputs.get("HelpdeskSigningSecretArn"), stack.outputs.get("HelpdeskApiSecretArn"))
    if not all(arns):
        return []  # a stack deployed before help desks were supported
    try:
        signing, api = _secret(str(arns[0]), region), _secret(str(arns[1]), region)
    except Exception as exc:
        return [Check("help-desk secrets", False, str(exc), "redeploy with `sam deploy`; see docs/helpdesks.md")]
    checks = []
    for vendor, (sign_keys, api_keys) in HELPDESK_NEEDS.items():
        present = {k for k in sign_keys if signing.get(k)} | {k for k in api_keys if api.get(k)}
        if not present:
            checks.append(Check(vendor, True, "not connected (optional)"))
            continue
        missing = [k for k in (*sign_keys, *api_keys) if k not in present]
        where = [f"{k} in {'HelpdeskSigningSecretArn' if k in sign_keys else 'HelpdeskApiSecretArn'}" for k in missing]
        fix = f"put {', '.join(where)} (aws secretsmanager put-secret-value; docs/helpdesks.md)"
        checks.append(Check(vendor, not missing, f"missing {', '.join(missing)}" if missing else "keys present", fix))
    return checks


def _drift(stack: Stack, region: str | None) -> Check:
    """Where the weekly drift summary goes: the stored workspace configuration, else the DriftChannel parameter."""
    from cx.workspace.config import WorkspaceConfig

    table = stack.outputs.get("ConfigTableName", "")
    workspace = WorkspaceConfig()
    if table:
        try:
            item = boto3.client("dynamodb", region_name=region).get_item(
                TableName=table, Key={"pk": {"S": "workspace"}, "sk": {"S": "current"}}
            )
            body = item.get("Item", {}).get("body", {}).get("S")
            workspace = WorkspaceConfig.model_validate_json(body) if body else workspace
        except Exception as exc:
            return Check("drift summary", False, f"cannot read {table}: {exc}", "check the config table", warning=True)
    channel, why = workspace.drift_destination(stack.parameters.get("DriftChannel") or None)
    if channel:
        return Check("drift summary", True, f"posted to {channel} ({why})")
    return Check(
        "drift summary",
        False,
        f"goes nowhere: {why}",
        "cx config set drift_channel=C0123ABCD (the channel's id), and invite the app to that channel",
        warning=True,
    )


def run(stack_name: str, region: str | None) -> list[Check]:
    try:
        stack = describe(stack_name, region)
    except Exception as exc:
        return [Check(f"stack {stack_name}", False, str(exc), "check --stack and the AWS region (--region)")]
    steps: list[Callable[[], list[Check]]] = [
        lambda: [Check(f"stack {stack_name}", True, "found")],
        lambda: [_endpoint(stack)],
        lambda: _tables(stack, region),
        lambda: _slack(stack, region),
        lambda: [_scorer(stack, region)],
        lambda: _helpdesks(stack, region),
        lambda: [_drift(stack, region)],
    ]
    return [check for step in steps for check in step()]


def report(checks: list[Check]) -> str:
    lines = []
    for check in checks:
        status = "ok  " if check.ok else "WARN" if check.warning else "FAIL"
        lines.append(f"{status} {check.name}: {check.detail}")
        if not check.ok and check.fix:
            lines.append(f"     fix: {check.fix}")
    failed = sum(not c.ok and not c.warning for c in checks)
    lines.append("All checks passed." if not failed else f"{failed} of {len(checks)} checks failed.")
    return "\n".join(lines)

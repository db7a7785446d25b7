"""A workspace's help-desk secrets: each value goes to the one secret its reader needs; only "no such secret" reads
as not registered, any other failure is raised for a retry."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from cx.adapters.workspace_secrets import API, SIGNING, WorkspaceSecrets, not_found, secret_name, split


def _client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, "GetSecretValue")


def test_values_are_sorted_into_the_signing_and_the_api_secret() -> None:
    parts = split({"intercom_client_secret": "a", "zendesk_signing_secret": "b", "intercom_access_token": "c"})
    assert parts == {SIGNING: {"intercom_client_secret": "a", "zendesk_signing_secret": "b"},
                     API: {"intercom_access_token": "c"}}  # fmt: skip


def test_an_unknown_name_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(ValueError, match="unknown help-desk secret names intercom_secret: the names are"):
        split({"intercom_secret": "a"})


@pytest.mark.parametrize("workspace", ["T0/../X", "", "T" * 33])
def test_a_workspace_that_is_not_a_slack_id_names_no_secret(workspace: str) -> None:
    with pytest.raises(ValueError, match="Slack team id"):
        secret_name("stack/workspace/", workspace, SIGNING)


def test_a_missing_secret_reads_as_none_and_a_throttled_read_raises() -> None:
    def read(name: str) -> Any:
        if name == "stack/workspace/T0ALPHA/helpdesk-signing":
            return {"intercom_client_secret": "a"}
        if name.endswith("helpdesk-api"):
            try:  # as Powertools wraps it: GetParameterError raised while handling the ClientError
                raise _client_error("ThrottlingException")
            except ClientError as exc:
                raise RuntimeError(str(exc))  # noqa: B904 (Powertools raises GetParameterError so)
        try:
            raise _client_error("ResourceNotFoundException")
        except ClientError as exc:
            raise RuntimeError(str(exc))  # noqa: B904

    secrets = WorkspaceSecrets("stack/workspace/", read)
    assert secrets.get("T0ALPHA", SIGNING) == {"intercom_client_secret": "a"}
    assert secrets.get("T0BETA", SIGNING) is None  # not registered
    with pytest.raises(RuntimeError):
        secrets.get("T0ALPHA", API)  # throttled: raised, so the vendor or the queue retries


def test_not_found_looks_through_the_wrapping_exception() -> None:
    try:
        try:
            raise _client_error("ResourceNotFoundException")
        except ClientError as exc:
            raise RuntimeError("Secrets Manager can't find the specified secret") from exc
    except RuntimeError as wrapped:
        assert not_found(wrapped)
    assert not not_found(_client_error("AccessDeniedException"))
    assert not not_found(ValueError("x"))

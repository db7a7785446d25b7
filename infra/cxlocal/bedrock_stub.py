"""A local stand-in for the Amazon Bedrock runtime's InvokeModel for Anthropic models, on 127.0.0.1.

`anthropic.AnthropicBedrock(aws_region=..., base_url=stub.base_url)` talks to it. Shaped from AWS's InvokeModel
reference (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html: `POST
/model/{modelId}/invoke`, JSON body, errors as `{"message": ...}` with the `x-amzn-ErrorType` header) and the
Anthropic Claude Messages request on Bedrock
(https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
and https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock: the Messages body without
`model`, which is in the path, and with an `anthropic_version` field; the answer is a Messages API message). The AWS
page shows `"bedrock-2023-05-31"`; anthropic 2.15 sends its own API version (`2026-10-21`) there, so the stub takes
any version but refuses a body without one, or with `model` in it.

Every request must carry an AWS Signature Version 4 for the service `bedrock` with a known access key: the stub
recomputes the signature with botocore from the key's secret and answers 403 (as Bedrock does) when it differs, the
key is unknown, or the request is not signed (an API key instead of AWS credentials). Replies are scripted as for
the Anthropic stub (tool calls, errors by status, delays); the model id of each call is recorded.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .anthropic_stub import AnthropicStub, Recorded, Reply

ERROR_TYPES = {
    400: "ValidationException",
    403: "AccessDeniedException",
    404: "ResourceNotFoundException",
    429: "ThrottlingException",
    500: "InternalServerException",
    503: "ServiceUnavailableException",
}
AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<day>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request, "
    r"SignedHeaders=(?P<signed>[^,]+), Signature=(?P<signature>[0-9a-f]{64})"
)
INVOKE = re.compile(r"^/model/(?P<model>[^/]+)/invoke$")


def bedrock_error(status: int, message: str = "") -> Reply:
    kind = ERROR_TYPES.get(status, "InternalServerException")
    return Reply(status, {"message": message or f"stub {kind}"}, headers={"x-amzn-ErrorType": f"{kind}:http://stub/"})


class BedrockStub(AnthropicStub):
    """The Bedrock runtime for Anthropic models; ``credentials`` maps access key ids to their secret keys."""

    def __init__(self, credentials: dict[str, str], region: str = "us-east-1", cache_minimum: int | None = None):
        super().__init__(cache_minimum=cache_minimum)
        self.credentials, self.region = credentials, region
        self.refused: list[str] = []  # why each refused request was refused

    def invoked_models(self) -> list[str]:
        return [unquote(m.group("model")) for r in self.requests if (m := INVOKE.match(r.path))]

    def invocations(self) -> list[Recorded]:
        return [r for r in self.requests if INVOKE.match(r.path)]

    def _refuse(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes) -> Reply | None:
        """A refusal for a request Bedrock would refuse before running the model, or None."""
        problem = self._signature_problem(method, raw_path, headers, raw)
        if problem:
            self.refused.append(problem)
            return bedrock_error(403, problem)
        return None

    def _signature_problem(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes) -> str:
        m = AUTHORIZATION.fullmatch(headers.get("authorization", ""))
        if m is None:
            return "Authorization header requires an AWS Signature Version 4"
        if m.group("service") != "bedrock" or m.group("region") != self.region:
            return f"credential scope {m.group('region')}/{m.group('service')} is not {self.region}/bedrock"
        secret = self.credentials.get(m.group("key"))
        if secret is None:
            return "The security token included in the request is invalid"
        signed = m.group("signed").split(";")
        request = AWSRequest(
            method=method,
            url=f"http://{headers.get('host', '')}{raw_path}",
            headers={h: headers[h] for h in signed if h in headers},
            data=raw,
        )
        request.context["timestamp"] = headers.get("x-amz-date", "")
        signer = SigV4Auth(
            Credentials(m.group("key"), secret, headers.get("x-amz-security-token")), "bedrock", self.region
        )
        expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
        if expected != m.group("signature"):
            return "The request signature we calculated does not match the signature you provided"
        return ""

    def _answer(self, method: str, path: str, body: dict[str, Any]) -> tuple[Reply, bytes | None]:
        if method != "POST" or not INVOKE.match(path):
            return bedrock_error(404, f"no such operation {method} {path}"), None
        if not isinstance(body.get("anthropic_version"), str) or "model" in body:
            return bedrock_error(400, "the body needs anthropic_version, and the model goes in the path"), None
        return self._message(body), None

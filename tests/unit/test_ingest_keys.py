"""A workspace's ingest key resolves to that workspace only, and the store never sees the key itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cx.ingest_keys import IngestKeyStore, KeyRecord, KeyRefused, bearer, digest, issue, resolve
from cx.installed import InstalledCheck, WorkspaceRefused

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


class FakeKeys(IngestKeyStore):
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], KeyRecord] = {}

    def put(self, record: KeyRecord) -> None:
        self.records[(record.workspace, record.key_id)] = record

    def get(self, workspace: str, key_id: str) -> KeyRecord | None:
        return self.records.get((workspace, key_id))

    def of(self, workspace: str) -> list[KeyRecord]:
        return [r for (w, _), r in self.records.items() if w == workspace]

    def delete(self, workspace: str, key_id: str) -> bool:
        return self.records.pop((workspace, key_id), None) is not None

    def delete_all(self, workspace: str) -> int:
        mine = [k for k in self.records if k[0] == workspace]
        for k in mine:
            del self.records[k]
        return len(mine)


def _store(*issued: str) -> tuple[FakeKeys, dict[str, str]]:
    store, keys = FakeKeys(), {}
    for workspace in issued:
        made = issue(workspace, "admin", NOW)
        store.put(made.record)
        keys[workspace] = made.key
    return store, keys


def test_a_key_writes_to_the_workspace_it_was_issued_for_and_only_its_hash_is_kept() -> None:
    store, keys = _store("T0ALPHA", "T0BETA")
    installed = {"T0ALPHA", "T0BETA"}.__contains__
    assert resolve(keys["T0ALPHA"], store, installed) == "T0ALPHA"
    assert resolve(keys["T0BETA"], store, installed) == "T0BETA"
    for record in store.records.values():
        assert record.sha256 == digest(keys[record.workspace])
        assert keys[record.workspace] not in record.model_dump_json()
    assert keys["T0ALPHA"] != keys["T0BETA"] and len(keys["T0ALPHA"].split("_", 3)[3]) == 43


def test_a_key_for_one_workspace_cannot_be_pointed_at_another() -> None:
    store, keys = _store("T0ALPHA", "T0BETA")
    installed = {"T0ALPHA", "T0BETA"}.__contains__
    forged = keys["T0ALPHA"].replace("T0ALPHA", "T0BETA", 1)
    with pytest.raises(KeyRefused, match="not valid here"):
        resolve(forged, store, installed)
    # even with B's key id, A's secret does not match B's hash
    beta_id = keys["T0BETA"].split("_")[2]
    _, _, alpha_id, secret = keys["T0ALPHA"].split("_", 3)
    with pytest.raises(KeyRefused, match="not valid here"):
        resolve(f"cxk_T0BETA_{beta_id}_{secret}", store, installed)
    assert alpha_id != beta_id


def test_rotation_the_old_key_works_until_it_is_revoked() -> None:
    store, keys = _store("T0ALPHA")
    newer = issue("T0ALPHA", "admin", NOW)
    store.put(newer.record)
    installed = {"T0ALPHA"}.__contains__
    assert resolve(keys["T0ALPHA"], store, installed) == resolve(newer.key, store, installed) == "T0ALPHA"
    assert store.delete("T0ALPHA", keys["T0ALPHA"].split("_")[2])
    with pytest.raises(KeyRefused):
        resolve(keys["T0ALPHA"], store, installed)
    assert resolve(newer.key, store, installed) == "T0ALPHA"


def test_a_key_of_an_uninstalled_workspace_is_refused() -> None:
    store, keys = _store("T0ALPHA")
    with pytest.raises(KeyRefused, match="has not installed the app"):
        resolve(keys["T0ALPHA"], store, {"T0BETA"}.__contains__)


@pytest.mark.parametrize(
    ("header", "why"),
    [(None, "Authorization: Bearer"), ("Basic abc", "Authorization: Bearer"), ("Bearer ", "Authorization: Bearer")],
)
def test_a_missing_or_other_authorization_says_what_to_send(header: str | None, why: str) -> None:
    with pytest.raises(KeyRefused, match=why):
        bearer(header)


@pytest.mark.parametrize("key", ["cxk_T0ALPHA", "xoxb-123", "cxk_T0/ALPHA_0123456789ab_" + "a" * 43, ""])
def test_something_that_is_not_a_key_is_refused_without_a_lookup(key: str) -> None:
    store = FakeKeys()
    with pytest.raises(KeyRefused, match="not an ingest key"):
        resolve(key, store, lambda _: True)


def test_the_deploy_wide_routes_refuse_a_named_workspace_where_several_are_installed() -> None:
    several = InstalledCheck(lambda: ["T0ALPHA", "T0BETA"])
    assert several.several and several.has("T0ALPHA") and not several.has("T0NOBODY")
    for asked in (None, "T0ALPHA"):
        with pytest.raises(WorkspaceRefused, match="/ingest/workspace"):
            several.single(asked)
    single = InstalledCheck(None)
    assert single.single(None) == "" and not single.several
    with pytest.raises(WorkspaceRefused, match="send without"):
        single.single("T0ALPHA")


def test_a_workspace_installed_a_moment_ago_is_found_without_waiting_for_the_minute() -> None:
    installed = ["T0ALPHA"]
    reads: list[float] = []
    clock = [0.0]

    def read() -> list[str]:
        reads.append(clock[0])
        return list(installed)

    check = InstalledCheck(read, max_age=60.0, miss_age=5.0, now=lambda: clock[0])
    assert check.has("T0ALPHA") and len(reads) == 1
    installed.append("T0BETA")  # installs the app 10 s after the list was read
    clock[0] = 10.0
    assert check.has("T0BETA"), "a fresh install is refused until the minute is up"
    assert check.has("T0ALPHA") and len(reads) == 2
    clock[0] = 12.0
    assert not check.has("T0NOBODY") and not check.has("T0NOBODY2")
    assert len(reads) == 2, "an unknown id read the list again within miss_age"
    installed.append("T0GAMMA")  # its admin issued it a key at once: the keyed route looks again
    assert check.has_now("T0GAMMA") and len(reads) == 3

"""slack_sdk's ``InstallationStore`` in DynamoDB (slack_sdk ships file, SQL and S3 stores, none for DynamoDB).

Bolt calls ``save`` after ``oauth.v2.access`` and ``find_bot``/``find_installation`` on every request to get the
workspace's token. A reinstall replaces the bot and the latest installation; every installer's latest is kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from logging import Logger
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore

from cx.adapters.dynamo.ingest_keys import DynamoIngestKeys
from cx.adapters.dynamo.installations import NONE, Installed, InstalledWorkspaces, install_pk, workspace_of
from cx.adapters.dynamo.workspace_purge import DynamoPurgeSchedule
from cx.workspace_purge import DEFAULT_RETENTION, uninstalled

BOT_SK, LATEST_SK = "bot", "installation"


def _json(values: dict[str, Any]) -> str:
    return json.dumps(values, default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v))


def _user_sk(user_id: str) -> str:
    return f"{LATEST_SK}#{user_id}"


class DynamoInstallationStore(InstallationStore):
    def __init__(
        self,
        model: type[Any],
        logger: Logger | None = None,
        retention: timedelta = DEFAULT_RETENTION,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``retention``: how long an uninstalled workspace's data is kept before the purge run deletes it."""
        self._model = self.model = model  # the installations table, which the OAuth states share
        self._logger = logger or logging.getLogger(__name__)
        self.workspaces = InstalledWorkspaces(model)
        self.purges = DynamoPurgeSchedule(model)
        self._retention, self._clock = retention, clock

    @property
    def logger(self) -> Logger:
        return self._logger

    def save(self, installation: Installation) -> None:
        pk = install_pk(installation.enterprise_id, installation.team_id, installation.is_enterprise_install)
        body = _json(installation.to_dict_for_copying())
        with self._model.batch_write() as batch:
            batch.save(self._model(pk, LATEST_SK, body=body))
            batch.save(self._model(pk, _user_sk(installation.user_id), body=body))
        self.save_bot(installation.to_bot())
        workspace = workspace_of(installation.enterprise_id, installation.team_id, installation.is_enterprise_install)
        self.workspaces.note(
            Installed(
                workspace=workspace,
                enterprise_id=installation.enterprise_id,
                team_id=installation.team_id,
                is_enterprise_install=bool(installation.is_enterprise_install),
                name=installation.enterprise_name if installation.is_enterprise_install else installation.team_name,
            )
        )
        self.purges.cancel(workspace)  # installed again within the retention period: its data stays
        self._logger.info("installed", extra={"operation": "slack_install", "workspace": workspace})

    def save_bot(self, bot: Bot) -> None:
        pk = install_pk(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        self._model(pk, BOT_SK, body=_json(bot.to_dict_for_copying())).save()

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        found = self._get(install_pk(enterprise_id, team_id, is_enterprise_install), BOT_SK)
        return Bot(**json.loads(found)) if found else None

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        pk = install_pk(enterprise_id, team_id, is_enterprise_install)
        found = self._get(pk, _user_sk(user_id) if user_id else LATEST_SK)
        return Installation(**json.loads(found)) if found else None

    def _installed_pk(self, enterprise_id: str | None, team_id: str | None) -> str:
        """What an uninstall or revocation names (Bolt passes no org-wide flag): the workspace's own install if
        there is one, else its org's org-wide install."""
        own = install_pk(enterprise_id, team_id, False)
        if not enterprise_id or self._get(own, BOT_SK) is not None:
            return own
        return install_pk(enterprise_id, team_id, True)

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._model(self._installed_pk(enterprise_id, team_id), BOT_SK).delete()

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        pk = self._installed_pk(enterprise_id, team_id)
        if user_id:
            self._model(pk, _user_sk(user_id)).delete()
            return
        for item in self._model.query(pk, self._model.sk.startswith(LATEST_SK)):
            item.delete()

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """The app uninstalled (Bolt's ``app_uninstalled`` listener): the tokens and ingest keys go at once and the
        workspace leaves the installed list, so nothing posts there or ingests for it (a reinstall needs new keys);
        its data is deleted by the purge run ``retention`` later unless it installs again (docs/retention.md)."""
        pk = self._installed_pk(enterprise_id, team_id)
        org_wide = pk.endswith(f"#{NONE}") and enterprise_id is not None
        for item in self._model.query(pk):
            item.delete()
        workspace = enterprise_id if org_wide else team_id
        if workspace:
            self.workspaces.forget(workspace)
            DynamoIngestKeys(self._model).delete_all(workspace)  # its ingest keys go with its tokens, for good
            purge = uninstalled(self.purges, workspace, self._clock(), self._retention)
            self._logger.info(
                "uninstalled; data purge scheduled",
                extra={"operation": "slack_uninstall", "workspace": workspace, "after": purge.purge_after.isoformat()},
            )

    def bot_token(self, installed: Installed) -> str | None:
        """An installed workspace's bot token, for the scheduled functions."""
        bot = self.find_bot(
            enterprise_id=installed.enterprise_id,
            team_id=installed.team_id,
            is_enterprise_install=installed.is_enterprise_install,
        )
        return bot.bot_token if bot else None

    def _get(self, pk: str, sk: str) -> str | None:
        found = list(self._model.query(pk, self._model.sk == sk, consistent_read=True))
        return str(found[0].body) if found else None

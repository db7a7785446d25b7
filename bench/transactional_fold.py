"""The streaming fold as it was before the lanes (main at 8d1e7ed), kept only to measure the new one against.

Each plan is one DynamoDB transaction that holds every aggregate item it increments (the hot daily items
included), split in halves until it fits 98 items; a cancelled transaction is re-planned at once, with no
backoff.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.aggregation.contribution import Applied
from cx.aggregation.fold import FoldPlan, plan_fold
from cx.aggregation.keys import case_key, journal_commit_key, lease_key, ledger_key
from cx.aggregation.service import FoldReport
from cx.ports import ConflictError

MAX_ITEMS_PER_APPLY = 100 - 2  # the lease and journal checks beside the plan's items
MAX_ATTEMPTS = 8


class TransactionalStore(DynamoAggregateStore):
    def apply(self, plan: FoldPlan) -> None:
        agg, ledger, bulk = self._m.aggregate, self._m.ledger, self._m.bulk
        try:
            with TransactWrite(connection=self._connection) as tx:
                free = bulk.pk.does_not_exist() | (bulk.until < time.time())
                tx.condition_check(bulk, *lease_key(), condition=free)
                tx.condition_check(bulk, *journal_commit_key(), condition=bulk.pk.does_not_exist())
                for conversation_id, entry in plan.ledger.items():
                    item = ledger(
                        *ledger_key(conversation_id),
                        fingerprint=entry.applied.fingerprint,
                        body=entry.applied.model_dump_json(),
                    )
                    guard = (
                        ledger.pk.does_not_exist()
                        if entry.expected_previous is None
                        else ledger.fingerprint == entry.expected_previous
                    )
                    tx.save(item, condition=guard)
                cases = {case_key(c): u for c, u in plan.cases.items()}
                for key in set(plan.increments) | set(cases):
                    actions = [getattr(agg, f).add(v) for f, v in plan.increments.get(key, {}).items()]
                    condition = None
                    if (update := cases.get(key)) is not None:
                        actions += self._case_actions(update)
                        condition = (
                            agg.version.does_not_exist()
                            if update.before.version == 0
                            else agg.version == update.before.version
                        )
                    tx.update(agg(*key), actions=actions, condition=condition)
        except TransactWriteError as exc:
            if exc.cause_response_code == "TransactionCanceledException":
                raise ConflictError(str(exc)) from exc
            raise


def transactional_fold(store: TransactionalStore, applied: Sequence[Applied]) -> FoldReport:
    """Plan against what the store holds and apply in one transaction; on a conflict read again and re-plan."""
    report = FoldReport()
    if not applied:
        return report
    for _ in range(MAX_ATTEMPTS):
        previous = store.applied(a.conversation_id for a in applied)
        cases = store.case_states(a.case_id for a in applied)
        plan = plan_fold(applied, previous, cases)
        if plan.write_count() > MAX_ITEMS_PER_APPLY and len(applied) > 1:
            half = len(applied) // 2
            report.merge(transactional_fold(store, applied[:half]))
            report.merge(transactional_fold(store, applied[half:]))
            return report
        if plan.is_noop:
            report.skipped += plan.skipped
            return report
        try:
            store.apply(plan)
        except ConflictError:
            report.conflicts += 1
            continue
        report.folded += len(plan.ledger)
        report.skipped += plan.skipped
        report.writes += plan.write_count()
        return report
    raise ConflictError(f"gave up folding {len(applied)} conversations after {MAX_ATTEMPTS} conflicts")

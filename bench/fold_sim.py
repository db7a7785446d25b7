"""Load simulation: a day of 1M conversations' folds, at reduced scale, on DynamoDB Local, by 1 to 8 concurrent
aggregator workers, for the transactional fold it replaced and the lane fold, in one run.

    .venv/bin/python bench/fold_sim.py [--conversations 240] [--workers 1,2,4,8] [--designs old,new]

What a day at 1M looks like, sampled: every conversation on the same day; 8 journeys, 3 channels, 25 teams,
60 inquiries (each skewed: a few take most) and 5,000 agents (200 conversations each a day); 1.4 contacts per
case; 0-2 negative reason factors of 12. Those are the populations of the full day, so a batch of 100 shares
hot items (the journey's day, the channel's day, the team's, the scorer's) as it would at 1M; only the number
of batches is smaller. 3% of conversations are re-scored later in the day and 2% of batches are delivered
twice, as a stream retry does.

Each worker is a stream shard: it owns the conversations whose id hashes to it and folds them in order, in
batches of 100 (the template's BatchSize), with its own store and connections, each in a thread. A batch
whose fold fails is delivered again, as Lambda would. Each run has fresh tables; after it the aggregates are
compared with a recomputation from every conversation's final contribution and must be exact.

Counted at botocore, per run: item writes (a transaction's ConditionCheck writes nothing), write capacity
units (a transactional write costs 2, a lane commit's delta by its size, other items assumed under 1 KB),
conflicts (cancelled transactions, plain updates refused because a transaction held the item) and retries
(re-plans after a conflict, retried updates, batches delivered again after a failure), and the hottest
partition key's writes. Throughput is folds a second, wall clock, on this machine: compare the two designs
within one run, never across machines.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import math
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from transactional_fold import TransactionalStore, transactional_fold

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.aggregation.contribution import Applied
from cx.aggregation.rebuild import compare, recompute
from cx.aggregation.service import fold_applied
from cx.domain.conversation import CaseOutcome
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.template_tables import table_specs

DAY = date(2026, 11, 24)
PER_DAY = 1_000_000
STREAM_BATCH = 100
JOURNEYS = [("billing", 30), ("delivery", 20), ("returns", 14), ("account", 10), ("orders", 8), ("tech", 7)]
JOURNEYS += [("fraud", 6), ("other", 5)]
CHANNELS = [("chat", 55), ("email", 30), ("voice", 15)]
TEAMS, INQUIRIES, AGENTS, REASONS = 25, 60, 5000, 12
RESCORED, REDELIVERED = 0.03, 0.02
PEAK = 3.0  # the busiest hour against the day's average (an assumption: support traffic peaks mid-morning)
PARTITION_WCU = 1000  # DynamoDB's per-partition write limit (on-demand and provisioned alike)


def _skewed(rng: random.Random, n: int) -> int:
    """0..n-1, Zipf-like: the first few values take most."""
    return min(n - 1, int(n * rng.random() ** 2.5))


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def day_of_contributions(count: int, seed: int = 7) -> list[Applied]:
    """``count`` conversations of one day at 1M a day, in arrival order, re-scores included (3%)."""
    rng = random.Random(seed)
    out: list[Applied] = []
    open_cases: list[tuple[int, str, str]] = []  # (first contact, case id, journey): may get another contact
    start = datetime.combine(DAY, datetime.min.time(), UTC)
    gap = count // 8  # a case's next contact comes hours later (the day is squeezed into ``count`` folds)
    for n in range(count):
        ready = bisect.bisect_right(open_cases, (n - gap, "~", "~"))
        if ready and rng.random() < 0.29 * 8 / 7:  # 1.4 contacts per case
            _, case_id, journey = open_cases.pop(rng.randrange(ready))
        else:
            case_id, journey = f"case-{n:07d}", _pick(rng, JOURNEYS)
            open_cases.append((n, case_id, journey))
        agent = rng.randrange(AGENTS)
        score = rng.choices([1, 2, 3, 4, 5], [8, 10, 17, 35, 30])[0]
        reasons = rng.sample(range(REASONS), k=rng.choice([0, 1, 1, 2]) if score <= 3 else 0)
        as_of = start + timedelta(seconds=86400 * n / count)
        out.append(
            Applied(
                conversation_id=f"conv-{n:07d}",
                evaluation_id=f"ev-{n:07d}",
                case_id=case_id,
                journey=journey,
                channel=_pick(rng, CHANNELS),
                agent_id=f"agent-{agent:04d}",
                inquiry=f"inquiry-{_skewed(rng, INQUIRIES):02d}",
                team=f"team-{agent % TEAMS:02d}",
                case_outcome=rng.choice(list(CaseOutcome)),
                case_day=DAY,
                contact_day=DAY,
                as_of=as_of,
                cx_score=score,
                resolution=rng.choice(["resolved", "partly", "unresolved"]),
                sentiment=round(rng.uniform(-1, 1), 2),
                effort=round(rng.uniform(0, 1), 2),
                quality=round(rng.uniform(0, 1), 2),
                handle_seconds=float(rng.randrange(60, 3600)),
                scorer="claude@1.4.0/claude-haiku-4-5/claude-v1",
                negative_factors=tuple(sorted(f"factor-{r:02d}" for r in reasons)),
                cube=True,
            )
        )
    for a in rng.sample(out, k=int(count * RESCORED)):  # re-scored later in the day: the old contribution moves
        rescored = a.model_copy(update={"evaluation_id": a.evaluation_id + "-r", "cx_score": 6 - a.cx_score})
        out.insert(rng.randrange(out.index(a) + 1, len(out) + 1), rescored)
    return out


def shards(stream: Sequence[Applied], workers: int) -> list[list[Applied]]:
    """A stream shard per worker: a conversation's records all go to the shard its id hashes to, in order."""
    out: list[list[Applied]] = [[] for _ in range(workers)]
    for a in stream:
        out[int(hashlib.sha1(a.conversation_id.encode()).hexdigest(), 16) % workers].append(a)
    return out


@dataclass
class Counts:
    """What botocore sent and got back, over every client of one run."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    writes: int = 0
    refused_writes: int = 0  # item writes of requests refused (a cancelled transaction writes nothing)
    wcu: float = 0.0
    conflicts: int = 0
    already: int = 0  # conditional ADDs refused because the item had the delta (finishing a retried batch)
    update_retries: int = 0
    by_pk: Counter[str] = field(default_factory=Counter)
    calls: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)  # conflicts by operation and what they were on

    def attach(self, client: Any) -> None:
        client.meta.events.register("before-parameter-build.dynamodb.*", self._before)
        client.meta.events.register("after-call.dynamodb.*", self._after)

    def _before(self, params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        op, written = model.name, list[tuple[str, float]]()
        if op == "TransactWriteItems":
            bodies = [next(iter(i.values())) for i in params["TransactItems"]]
            context["sim_pks"] = [(b.get("Key") or b["Item"])["pk"]["S"] for b in bodies]
            for item in params["TransactItems"]:
                kind, body = next(iter(item.items()))
                if kind != "ConditionCheck":
                    key = body.get("Key") or body.get("Item") or {}
                    written.append((key["pk"]["S"], 2 * _units(body)))
        elif op in ("UpdateItem", "PutItem", "DeleteItem"):
            written.append(((params.get("Key") or params["Item"])["pk"]["S"], float(_units(params))))
        elif op == "BatchWriteItem":
            for requests in params["RequestItems"].values():
                for r in requests:
                    key = r.get("PutRequest", {}).get("Item") or r["DeleteRequest"]["Key"]
                    written.append((key["pk"]["S"], float(_units(r.get("PutRequest", {})))))
        context["sim_written"] = written
        with self.lock:
            self.calls[op] += 1

    def _after(self, parsed: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        code = parsed.get("Error", {}).get("Code") if isinstance(parsed, dict) else None
        written = context.pop("sim_written", [])
        with self.lock:
            if code is None:  # done: what a refused request would have written is counted apart
                for pk, units in written:
                    self.writes += 1
                    self.wcu += units
                    self.by_pk[pk] += 1
                return
            self.refused_writes += len(written)
            if code in ("TransactionCanceledException", "TransactionConflictException"):
                self.conflicts += 1
                reasons = [r.get("Code") for r in parsed.get("CancellationReasons", [])]
                pks = context.get("sim_pks", [])
                on = sorted({f"{r} on {_family(pk)}" for r, pk in zip(reasons, pks, strict=False) if r and r != "None"})
                self.kinds[f"{model.name}: {code} {'; '.join(on)}"] += 1
                self.update_retries += code == "TransactionConflictException"
            elif code == "ConditionalCheckFailedException" and model.name == "UpdateItem":
                self.already += 1


class _Refused:
    status_code = 400


class TransactionConflictRule:
    """DynamoDB's transaction-conflict rule, which DynamoDB Local does not enforce (it runs one transaction at a
    time, so two never overlap): a plain write to an item that an ongoing TransactWriteItems holds is refused with
    TransactionConflictException, and a transaction that holds an item another ongoing one holds is cancelled
    (reason TransactionConflict). DynamoDB developer guide, "Transaction conflict handling in DynamoDB",
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html. Applied here at the
    client: a transaction holds the items it writes from its request until DynamoDB Local's answer (longer than
    on DynamoDB on this loaded machine: an upper bound). Items it only checks (the bulk-load lease) hold
    nothing: the guide does not say whether two condition checks of one item conflict."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.held: Counter[tuple[str, str, str]] = Counter()

    def attach(self, client: Any) -> None:
        client.meta.events.register("before-parameter-build.dynamodb.*", self._keys)
        client.meta.events.register("before-call.dynamodb.*", self._check)
        client.meta.events.register("after-call.dynamodb.*", self._release)

    def _keys(self, params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        if model.name == "TransactWriteItems":
            actions = [next(iter(i.items())) for i in params["TransactItems"]]
        elif model.name in ("UpdateItem", "PutItem", "DeleteItem"):
            actions = [("Write", params)]
        else:
            return
        keys = [(b["TableName"], (k := b.get("Key") or b["Item"])["pk"]["S"], k["sk"]["S"]) for _, b in actions]
        writes = [key for key, (kind, _) in zip(keys, actions, strict=True) if kind != "ConditionCheck"]
        context["sim_keys"] = (model.name, keys, writes)

    def _check(self, context: dict[str, Any], **_: Any) -> tuple[_Refused, dict[str, Any]] | None:
        op, keys, writes = context.get("sim_keys", (None, [], []))
        if op is None:
            return None
        with self.lock:
            busy = [key in self.held for key in keys]
            if not any(busy):
                if op == "TransactWriteItems":
                    self.held.update(writes)
                    context["sim_held"] = writes
                return None
        meta = {"HTTPStatusCode": 400}
        if op == "TransactWriteItems":
            reasons = [{"Code": "TransactionConflict" if b else "None"} for b in busy]
            error = {"Code": "TransactionCanceledException", "Message": "Transaction cancelled (emulated conflict)"}
            return _Refused(), {"Error": error, "CancellationReasons": reasons, "ResponseMetadata": meta}
        error = {"Code": "TransactionConflictException", "Message": "Transaction is ongoing for the item (emulated)"}
        return _Refused(), {"Error": error, "ResponseMetadata": meta}

    def _release(self, context: dict[str, Any], **_: Any) -> None:
        keys = context.pop("sim_held", None)
        if keys:
            with self.lock:
                self.held.subtract(keys)
                self.held += Counter()  # drops the zeros


def _family(pk: str) -> str:
    return pk.split("=")[0].split("#")[0] if not pk.startswith("fold#") else "lane"


def _units(request: dict[str, Any]) -> int:
    """Write units of one item: by its size where the request holds it whole (a put, a lane's delta), else 1."""
    values = request.get("Item") or request.get("ExpressionAttributeValues") or {}
    size = sum(len(str(v)) for v in values.values())
    return max(1, math.ceil(size / 1024))


@dataclass
class Run:
    design: str
    workers: int
    folds: int
    seconds: float
    counts: Counts
    replans: int
    redelivered_after_failure: int
    exact: bool

    def per_k(self, n: float) -> float:
        return 1000 * n / self.folds

    @property
    def retries(self) -> int:
        return self.replans + self.counts.update_retries + self.redelivered_after_failure


def _store(design: str, endpoint: str, table: str) -> DynamoAggregateStore:
    settings = DynamoSettings("unused-conversations", "unused-evaluations", table, host=endpoint)
    models = build_models(settings)
    store = (TransactionalStore if design == "old" else DynamoAggregateStore)(models, settings)
    return store


def _clients(store: DynamoAggregateStore) -> list[Any]:
    """The clients a streaming fold sends through (each botocore client costs a loaded machine a second)."""
    models = [store._m.aggregate, store._m.ledger, store._m.lane]
    return [m._get_connection().connection.client for m in models] + [store._connection.client]


def _aggregates_table(endpoint: str) -> str:
    """A fresh aggregates table as the template declares it (the fold reads and writes no other)."""
    spec = table_specs(lambda logical_id: f"f{uuid.uuid4().hex[:8]}-{logical_id}")["AggregatesTable"]
    client = local_client(endpoint)
    client.create_table(**spec.create_kwargs)
    name: str = spec.create_kwargs["TableName"]
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    return name


def run(design: str, workers: int, stream: Sequence[Applied], endpoint: str) -> Run:
    table, counts, rule = _aggregates_table(endpoint), Counts(), TransactionConflictRule()
    stores = [_store(design, endpoint, table) for _ in range(workers)]
    for store in stores:
        for client in _clients(store):
            counts.attach(client)
            rule.attach(client)
    fold: Callable[[DynamoAggregateStore, Sequence[Applied]], Any] = (
        transactional_fold if design == "old" else fold_applied
    )
    replans, failed_again = [0] * workers, [0] * workers

    def worker(n: int, mine: list[Applied]) -> None:
        rng = random.Random(n)
        for start in range(0, len(mine), STREAM_BATCH):
            batch = mine[start : start + STREAM_BATCH]
            for _delivery in range(2 if rng.random() < REDELIVERED else 1):
                for attempt in range(10):
                    try:
                        replans[n] += fold(stores[n], batch).conflicts
                        break
                    except Exception:  # a failed fold: the stream delivers the batch again
                        failed_again[n] += 1
                        if attempt == 9:
                            raise

    begun = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(worker, range(workers), shards(stream, workers)))
    seconds = time.perf_counter() - begun
    final = {a.conversation_id: a for a in stream}  # each conversation's last evaluation
    differences = compare(stores[0].read_all(), recompute(final.values()))
    ledger = stores[0].applied(final)
    exact = not differences and ledger == final
    return Run(design, workers, len(stream), seconds, counts, sum(replans), sum(failed_again), exact)


def _print(runs: list[Run], conversations: int) -> None:
    print(f"\n{conversations} conversations (+{len(runs and [1]) and int(conversations * RESCORED)} re-scored)")
    header = (
        "design          workers  folds/s  writes/conv  WCU/conv  refused/conv  conflicts/1k  retries/1k"
        "  hottest pk w/conv  exact"
    )
    print(header)
    for r in runs:
        hot = r.counts.by_pk.most_common(1)[0][1]
        print(
            f"{'transactional' if r.design == 'old' else 'lanes':<14}  {r.workers:>7}  {r.folds / r.seconds:>7.1f}  "
            f"{r.counts.writes / r.folds:>11.2f}  {r.counts.wcu / r.folds:>8.2f}  "
            f"{r.counts.refused_writes / r.folds:>12.2f}  {r.per_k(r.counts.conflicts):>12.1f}  "
            f"{r.per_k(r.retries):>10.1f}  {hot / r.folds:>17.3f}  {'yes' if r.exact else 'NO'}"
        )
    print("\nhottest partition keys (writes per conversation), 8 workers or the most run:")
    for design in ("old", "new"):
        mine = [r for r in runs if r.design == design]
        if mine:
            r = max(mine, key=lambda r: r.workers)
            top = ", ".join(f"{pk} {n / r.folds:.3f}" for pk, n in r.counts.by_pk.most_common(4))
            print(f"  {'transactional' if design == 'old' else 'lanes'}: {top}")
    print(f"\nat {PER_DAY:,} conversations a day ({PER_DAY / 86400:.1f}/s on average, {PEAK:g}x at peak):")
    for design in ("old", "new"):
        mine = [r for r in runs if r.design == design]
        if not mine:
            continue
        r = max(mine, key=lambda r: r.workers)
        peak_rate = PEAK * PER_DAY / 86400
        hottest = r.counts.by_pk.most_common(1)[0][1] / r.folds
        print(
            f"  {'transactional' if design == 'old' else 'lanes'}: "
            f"{PER_DAY * r.counts.writes / r.folds / 1e6:.1f}M item "
            f"writes and {PER_DAY * r.counts.wcu / r.folds / 1e6:.1f}M WCU a day; hottest partition key "
            f"{hottest * peak_rate:.1f} writes/s at peak ({PARTITION_WCU:,} allowed: reached at "
            f"{PARTITION_WCU / hottest * 86400 / PEAK / 1e6:,.0f}M conversations a day)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=240)
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--designs", default="old,new")
    args = parser.parse_args()
    stream = day_of_contributions(args.conversations)
    runs = []
    with DynamoDBLocal() as db:
        for workers in [int(w) for w in args.workers.split(",")]:
            for design in args.designs.split(","):
                runs.append(run(design, workers, stream, db.endpoint))
                r = runs[-1]
                kinds = ", ".join(f"{k} x{n}" for k, n in r.counts.kinds.items()) or "none"
                print(f"  {design} x{workers}: {r.seconds:.1f} s, exact: {r.exact}; conflicts: {kinds}", flush=True)
    _print(runs, args.conversations)
    if not all(r.exact for r in runs):
        raise SystemExit("the aggregates are not exact after a run")


if __name__ == "__main__":
    main()

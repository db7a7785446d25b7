"""`cx purge --customer ID [--apply]`: a data-subject request, everywhere the customer's data is kept."""

from __future__ import annotations

import argparse

from cx.bootstrap import build_label_store, build_stores
from cx.retention import purge_customer
from cxcli.local_env import open_backend


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    purge = sub.add_parser(
        "purge", help="remove one customer's conversations, evaluations and labels (a data-subject request)"
    )
    purge.add_argument("--customer", required=True, help="the customer_id the conversations carry")
    purge.add_argument("--apply", action="store_true", help="delete; without it, only list what would go")


def purge(args: argparse.Namespace) -> int:
    with open_backend() as backend:
        settings = backend.settings
        stores = build_stores(settings)
        labels = build_label_store(settings) if settings.labels_table else None
        try:
            report = purge_customer(args.customer, stores.conversations, stores.evaluations, labels, args.apply)
        except ValueError as problem:
            print(f"cx purge: {problem}")
            return 2
    print(report.describe())
    return 0

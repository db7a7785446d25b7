"""Cold-start import time of each Lambda handler's imports, measured with `python -X importtime`.

Each run is a fresh interpreter with warm .pyc files, importing exactly what `functions/<name>/app.py`
imports at module level. Prints the median over runs and the heaviest top-level packages.

    .venv/bin/python bench/import_times.py [--runs 7]
"""

from __future__ import annotations

import argparse
import ast
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[1] / "functions"
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def handler_imports(name: str) -> list[str]:
    """The modules `functions/<name>/app.py` imports at module level."""
    tree = ast.parse((FUNCTIONS / name / "app.py").read_text())
    modules = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            modules.append(node.module)
    return modules


def measure(modules: list[str]) -> tuple[float, dict[str, float], set[str]]:
    """Total wall import time (ms), self time per top-level package (ms), every module imported."""
    code = "; ".join(f"import {m}" for m in modules)
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True)
    per_package: dict[str, float] = defaultdict(float)
    loaded: set[str] = set()
    total = 0.0
    for line in run.stderr.splitlines():
        if match := _LINE.match(line):
            self_us, cumulative_us, indent, module = match.groups()
            loaded.add(module)
            per_package[module.split(".")[0]] += int(self_us) / 1000
            if len(indent) == 1:  # a top-level import of the -c line: its cumulative time counts once
                total += int(cumulative_us) / 1000
    return total, per_package, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'function':<10} {'median ms':>10} {'min ms':>8}  heaviest packages (self ms)")
    for name in sorted(p.name for p in FUNCTIONS.iterdir() if (p / "app.py").exists()):
        modules = handler_imports(name)
        measure(modules)  # warm the .pyc files
        runs = [measure(modules) for _ in range(args.runs)]
        totals = [t for t, _, _ in runs]
        heaviest = sorted(runs[-1][1].items(), key=lambda kv: kv[1], reverse=True)[:4]
        top = ", ".join(f"{pkg} {ms:.0f}" for pkg, ms in heaviest)
        print(f"{name:<10} {statistics.median(totals):>10.0f} {min(totals):>8.0f}  {top}")


if __name__ == "__main__":
    main()

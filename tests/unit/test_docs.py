"""The README stays a map: every docs page is linked from it, every relative link resolves, and every `/cx`
subcommand in the command table is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxbot.commands.table import commands

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
PAGES = sorted((ROOT / "docs").glob("*.md"))


def test_every_docs_page_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    assert [p.name for p in PAGES if f"(docs/{p.name})" not in readme] == []


@pytest.mark.parametrize("page", [ROOT / "README.md", *PAGES], ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    targets = [t for t in LINK.findall(page.read_text()) if not t.startswith(("http://", "https://", "mailto:"))]
    assert [t for t in targets if not (page.parent / t).exists()] == []


def test_every_subcommand_in_the_table_is_documented() -> None:
    documented = "\n".join(p.read_text() for p in PAGES)
    assert [n for n in commands() if f"/cx {n}" not in documented] == []

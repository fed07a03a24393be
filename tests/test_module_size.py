"""No module of the app is over 400 lines unless its top says why.

A long module is usually several things sharing a file; splitting it by what it holds is how
a newcomer finds their way (docs/architecture.md). Where one thing really is long (a single
table model, a generated migration), the module's docstring says so with the words
"longer than 400 lines" and the reason, and this test lets it be.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("billing", "db", "sync", "server", "desktop", "demo")
LIMIT = 400
REASON = "longer than 400 lines"


def _modules() -> list[Path]:
    found: list[Path] = []
    for package in PACKAGES:
        folder = ROOT / package
        if folder.is_dir():
            found.extend(p for p in folder.rglob("*.py") if "migrations" not in p.parts)
    return sorted(found)


def _says_why(path: Path) -> bool:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return REASON in " ".join(doc.lower().split())


def test_modules_are_short_or_say_why() -> None:
    assert _modules(), "no modules found: the package list is out of date"
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT and not _says_why(p)
    }
    assert not long, (
        f"split these, or say at the top why they are longer than {LIMIT} lines: {long}"
    )

"""Find references in docstrings and comments that point nowhere.

    python scripts/check_references.py [billing db sync server desktop docs/architecture.md]

Looks at every docstring and ``#`` comment of the Python files under the given folders for

- dotted names of this project, ``server.push.apply_batch`` or ``billing.rules``: the module
  must exist and each later part must be an attribute of what precedes it (a class's methods
  and the attributes its ``__init__`` sets count);
- file paths, ``server/push.py`` or ``docs/sync-api.md``: the file must exist; a path
  followed by a name in backticks (```server/push.py` `apply_batch```) must define the name;
- a bare file name, ``push.py``: a file of that name must exist beside the module or
  anywhere in the project's code or tests (and define a name in backticks after it, when
  it is the only file of that name);
- ```Class.method``` of a class of the packages: some class of that name must have it;
- ``:func:`name``` and its kin with a plain name: the name must be in the module itself.

A Markdown file given by name is checked line by line the same way.
Prints ``file:line: reference -- why`` for each broken one and exits 1 when there is any.
Modules are imported to look names up (Qt offscreen), so run it in the project's venv.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import itertools
import os
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("billing", "db", "sync", "server", "desktop")
DOTTED = re.compile(r"(?<![\w./-])((?:billing|db|sync|server|desktop)(?:\.[A-Za-z_]\w*)+)")
PATH = re.compile(
    r"(?<![\w./-])((?:billing|db|sync|server|desktop|docs|tests|scripts|resources|benchmarks)"
    r"/[\w./-]*\w\.(?:py|md|ts|txt|toml|qss|ini))(?:`{1,2}\s+`{1,2}([A-Za-z_][\w.]*)`{1,2})?"
)
BARE_FILE = re.compile(r"(?<![\w./-])(\w+\.py)\b(?:`{1,2}\s+`{1,2}([A-Za-z_][\w.]*)`{1,2})?")
CLASS_ATTR = re.compile(r"(?<![\w.])`{1,2}([A-Z]\w*)\.([a-z_]\w*)(?:\(\))?`{1,2}")
ROLE = re.compile(r":(?:func|class|data|meth|attr|mod|exc):`~?([A-Za-z_][\w.]*)`")


def texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each docstring and comment in ``path``."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                yield body[0].lineno, body[0].value.value
        # attribute docstrings (a string right after an assignment)
        for field in ("body", "orelse"):
            stmts = getattr(node, field, None)
            if not isinstance(stmts, list):
                continue
            for before, after in itertools.pairwise(stmts):
                if isinstance(before, ast.Assign | ast.AnnAssign) and isinstance(after, ast.Expr) \
                        and isinstance(after.value, ast.Constant) \
                        and isinstance(after.value.value, str):
                    yield after.lineno, after.value.value
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def module_file(dotted: str) -> Path | None:
    base = ROOT.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def has_attribute(owner: Any, name: str) -> bool:
    if hasattr(owner, name):
        return True
    if inspect.isclass(owner):
        # Instance attributes set in a method, dataclass / NamedTuple fields, Qt signals.
        for klass in owner.__mro__:
            try:
                source = inspect.getsource(klass)
            except (OSError, TypeError):
                continue
            if re.search(rf"\bself\.{re.escape(name)}\s*[:=]|^\s+{re.escape(name)}\s*[:=]",
                         source, re.M):
                return True
    return False


def defined_in(path: Path, name: str) -> bool:
    """Whether a plain ``:meth:`name``` (``name`` or ``Class.name``) of a docstring in
    ``path`` names something there: a builtin, or a def, class, assignment or attribute
    (``self.name =``, a class-level field) in the file."""
    first, _, rest = name.partition(".")
    if hasattr(__builtins__, first) if not isinstance(__builtins__, dict) \
            else first in __builtins__:
        return not rest
    source = path.read_text(encoding="utf-8")
    for part in name.split("."):
        word = re.escape(part)
        if not re.search(rf"(def|class)\s+{word}\b|\bself\.{word}\s*[:=]|"
                         rf"^\s*{word}\s*[:=]|import .*\b{word}\b", source, re.M):
            return False
    return True


def resolve(dotted: str) -> str | None:
    """None when ``dotted`` names something that exists, else why not."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        if module_file(".".join(parts[:cut])) is not None:
            break
    else:
        return "no such module"
    module_name = ".".join(parts[:cut])
    if "migrations" in parts[:cut] and cut < len(parts):
        return None  # alembic scripts are not importable modules
    try:
        owner: Any = importlib.import_module(module_name)
    except Exception as exc:  # any import failure is worth reporting
        return f"cannot import {module_name}: {exc}"
    for index, name in enumerate(parts[cut:], start=cut):
        if not has_attribute(owner, name):
            where = ".".join(parts[:index])
            return f"{where} has no {name!r}"
        owner = getattr(owner, name, None)
        if owner is None:
            return None  # an attribute set at run time: cannot look further
    return None


_INDEX: dict[str, set[str]] = {}


def project_index() -> dict[str, set[str]]:
    """Every class of the packages: its name -> the modules defining one."""
    if not _INDEX:
        for package in PACKAGES:
            for file in (ROOT / package).rglob("*.py"):
                dotted = ".".join(file.relative_to(ROOT).with_suffix("").parts)
                for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                    if isinstance(node, ast.ClassDef):
                        _INDEX.setdefault(node.name, set()).add(dotted.removesuffix(".__init__"))
    return _INDEX


def check_file(path: Path) -> Iterator[tuple[int, str, str]]:
    if path.suffix == ".md":
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield from check_text(path, "", line, text)
        return
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    module = module.removesuffix(".__init__")
    for line, text in texts(path):
        yield from check_text(path, module, line, text)


def check_text(path: Path, module: str, line: int, text: str
               ) -> Iterator[tuple[int, str, str]]:
    """The broken references of one docstring, comment or Markdown line."""
    for match in DOTTED.finditer(text):
        ref = match.group(1).rstrip(".")
        if re.search(r"\.(py|md|txt|toml|ini|qss|ts)$", ref):
            continue  # a file name such as ``db.py``: not a dotted reference
        why = resolve(ref)
        if why is not None:
            yield line, ref, why
    for match in PATH.finditer(text):
        file_ref, name = match.group(1), match.group(2)
        target = ROOT / file_ref
        if not target.is_file():
            yield line, file_ref, "no such file"
            continue
        if name and target.suffix == ".py":
            dotted = ".".join(target.relative_to(ROOT).with_suffix("").parts)
            dotted = dotted.removesuffix(".__init__")
            why = resolve(f"{dotted}.{name}")
            if why is not None and not defined_in(target, name):  # a nested def counts
                yield line, f"{file_ref} {name}", why
    for match in BARE_FILE.finditer(text):
        name, attribute = match.group(1), match.group(2)
        here = path.parent / name
        found = [here] if here.is_file() else [
            p for folder in (*PACKAGES, "tests", "scripts", "benchmarks")
            for p in (ROOT / folder).rglob(name)]
        if not found:
            yield line, name, "no file of that name in the project"
            continue
        if attribute and len(found) == 1:
            dotted = ".".join(found[0].relative_to(ROOT).with_suffix("").parts)
            why = resolve(f"{dotted.removesuffix('.__init__')}.{attribute}")
            if why is not None:
                yield line, f"{name} {attribute}", why
    for match in CLASS_ATTR.finditer(text):
        klass, attribute = match.group(1), match.group(2)
        modules = project_index().get(klass)
        if modules and all(resolve(f"{m}.{klass}.{attribute}") is not None
                           for m in modules):
            yield line, f"{klass}.{attribute}", f"no class {klass} has {attribute!r}"
    for match in ROLE.finditer(text):
        name = match.group(1)
        if name.split(".")[0] in PACKAGES:
            continue  # a dotted reference, checked above
        klass, _, attribute = name.rpartition(".")
        if klass in project_index() and any(
                resolve(f"{m}.{name}") is None for m in project_index()[klass]):
            continue
        if resolve(f"{module}.{name}") is not None and not defined_in(path, name):
            yield line, match.group(0), f"nothing named {name!r} in {module} or builtins"


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    folders = argv or list(PACKAGES)
    broken = 0
    for folder in folders:
        target = ROOT / folder
        paths = [target] if target.is_file() else sorted(target.rglob("*.py"))
        for path in paths:
            for line, ref, why in check_file(path):
                broken += 1
                sys.stdout.write(f"{path.relative_to(ROOT)}:{line}: {ref} -- {why}\n")
    sys.stderr.write(f"{broken} broken reference(s)\n")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The house's layers, read from the code (as `test_hygiene` keeps textual out of the
domain): the command line and the app change and read records through `actions` only,
never through the store; the domain takes plain values; exporters and importers depend
on the domain alone.

A failure names the file, the line and what it reached for."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "netbalance"

# What a surface (cli/, tui/) may take from the store: its errors, the Store type to open
# one, and the status line's stdlib-only look at the box file.
SURFACE_MAY_IMPORT = {"netbalance.store.errors", "netbalance.store.store", "netbalance.store.peek"}

# What a surface may do with a store it holds: pass it on, open it, re-read what other
# processes changed, ask whether it is read-only, a twin for a worker thread.
STORE_PARTS = {
    "items",
    "contacts",
    "sessions",
    "interactions",
    "box",
    "main",
    "box_file",
    "transaction",
    "undo",
    "redo",
    "steps",
    "next_step",
    "allow_drop",
    "month_file",
    "months",
    "journal",
    "backups",
    "lock",
    "use",
    "touch",
    "decoded",
    "repository",
}


def modules(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((PACKAGE / folder).rglob("*.py"))


def runtime_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of every import that runs (those under `if TYPE_CHECKING` do not)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)


def _is_store(node: ast.expr) -> bool:
    """`store`, `self.store`, `self.nb.store`, `app.store`, `open_store(args)` …"""
    if isinstance(node, ast.Call):
        called = node.func
        name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
        return name in ("open_store", "open_for_start", "twin")
    return (isinstance(node, ast.Name) and node.id == "store") or (
        isinstance(node, ast.Attribute) and node.attr == "store"
    )


def store_reaches(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in STORE_PARTS and _is_store(node.value):
            yield node.lineno, ast.unparse(node)


def relative(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def test_surfaces_reach_records_through_actions_only() -> None:
    found = []
    for path in modules("cli", "tui"):
        tree = ast.parse(path.read_text(), str(path))
        for line, module in runtime_imports(tree):
            store_module = module.startswith("netbalance.store.") and module.count(".") == 2
            if store_module and module not in SURFACE_MAY_IMPORT:
                found.append(f"{relative(path)}:{line} imports {module}")
        found += [f"{relative(path)}:{line} uses {what}" for line, what in store_reaches(tree)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("folder", "allowed"),
    [
        ("core", ("netbalance.core",)),
        ("exports", ("netbalance.core", "netbalance.exports")),
        ("imports", ("netbalance.core", "netbalance.imports")),
        ("store", ("netbalance.core", "netbalance.store")),
        ("settings", ("netbalance.core", "netbalance.settings", "netbalance.store.files")),
    ],
)
def test_lower_layers_import_only_what_is_below_them(folder: str, allowed: tuple[str, ...]) -> None:
    found = []
    for path in modules(folder):
        tree = ast.parse(path.read_text(), str(path))
        for line, module in runtime_imports(tree):
            if module.startswith("netbalance") and not module.startswith(allowed):
                found.append(f"{relative(path)}:{line} imports {module}")
    assert found == [], "\n".join(found)


def test_the_domain_takes_plain_values_not_settings() -> None:
    """core/ never names the settings, even for types: it is handed plain values."""
    found = []
    for path in modules("core"):
        for line, text in enumerate(path.read_text().splitlines(), start=1):
            if "netbalance.settings" in text:
                found.append(f"{relative(path)}:{line}")
    assert found == [], "\n".join(found)

"""The generator stays apart: detectors never import it, and it never imports detectors."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "vigil"
DETECTORS = ("vigil.extract", "vigil.signals", "vigil.link", "vigil.assess", "vigil.lang")
ALLOWED_USERS = {"cli/world.py", "demo/__init__.py"}  # the edges that run the generator


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_world_imports_no_detector() -> None:
    for path in (SRC / "world").rglob("*.py"):
        bad = {m for m in _imports(path) if m.startswith(DETECTORS)}
        assert not bad, f"{path} imports {bad}"


def test_nothing_but_the_edges_imports_world() -> None:
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("world/") or rel in ALLOWED_USERS:
            continue
        assert not {m for m in _imports(path) if m.startswith("vigil.world")}, f"{rel} imports vigil.world"


def test_eval_reads_truth_not_the_generator() -> None:
    for path in (SRC / "eval").rglob("*.py"):
        assert not {m for m in _imports(path) if m.startswith("vigil.world")}, path

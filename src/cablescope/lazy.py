"""Packages whose names load their modules on first use (PEP 562), one way for all of them.

`trace` and `entities` export their public names this way, so importing either package loads
nothing heavy: `cablescope` imports them for every command, and their dependencies (spaCy, the
`trace` extra) are needed only by what uses them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, tuple[str, str]]
                 ) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """`__all__`, `__getattr__` and `__dir__` for `package`, whose `exports` map each public
    name to (submodule, attribute); a name is bound in the package once loaded."""
    namespace = vars(sys.modules[package])  # the package being initialised

    def getattr_(name: str) -> Any:
        try:
            module, attribute = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(f"{package}.{module}"), attribute)
        namespace[name] = value
        return value

    names = sorted(exports)

    def dir_() -> list[str]:
        return sorted(set(namespace) | set(names))

    return names, getattr_, dir_

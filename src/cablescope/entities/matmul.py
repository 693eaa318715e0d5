"""The model's matrix products on NumPy's BLAS, one thread.

The spaCy model multiplies its matrices with `blis` by default (thinc's `NumpyOps`). A `blis`
wheel that does not recognise the CPU picks its generic kernel: on the 2-core "AMD EPYC" of
2026-12-05 it ran at about a third of the speed of the OpenBLAS that NumPy ships
(docs/benchmarks.md, "entfast4"), and the NER's embedding layers are mostly matrix products.
So the model's layers are given thinc's own `Ops.gemm` (`numpy.dot`, hence OpenBLAS), and
OpenBLAS one thread: extraction runs one process per core, so a second BLAS thread would only
take CPU from the other process (and spin waiting). The entities found are the same; only the
order of the sums inside a product differs.
"""

from __future__ import annotations

import ctypes
import glob
import os
from typing import Any

# What the OpenBLAS builds NumPy wheels ship call their thread setter.
_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")


def use_numpy_gemm(nlp: Any) -> int:
    """Make every layer of every component of `nlp` (disabled ones too) multiply with NumPy
    rather than `blis`; returns how many layers were changed."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    changed = 0
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):  # not a GPU's ops
                node.ops = ops
                changed += 1
    return changed


def one_blas_thread() -> bool:
    """Limit NumPy's OpenBLAS to one thread in this process; False when it is not found (another
    BLAS, or a NumPy without bundled libraries), which changes nothing else."""
    import numpy

    folder = os.path.join(os.path.dirname(os.path.dirname(numpy.__file__)), "numpy.libs")
    for path in sorted(glob.glob(os.path.join(folder, "*openblas*"))):
        try:
            lib = ctypes.CDLL(path)  # the library NumPy loaded: the same handle
        except OSError:
            continue
        for name in _SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter.argtypes = [ctypes.c_int]
                setter.restype = None
                setter(1)
                return True
    return False

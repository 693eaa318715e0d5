"""Synthetic cable corpora in the WikiLeaks `cables.csv` format, for demos, tests and benchmarks.

>>> from cablescope.synth import generate, write_csv
>>> cables = list(generate(3, seed=1))
>>> [c.row for c in cables]
[1, 2, 3]
"""

from cablescope.synth.csvout import write_csv
from cablescope.synth.generate import FULL_CORPUS, SynthCable, generate

__all__ = ["FULL_CORPUS", "SynthCable", "generate", "write_csv"]

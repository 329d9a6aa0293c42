"""Surviving mutants that change nothing anyone can see, each with the reason: read by bench/mutation_report.py.

Keyed by mutmut's mutant name (`mutmut show NAME` prints the change). Only a mutant no test could tell
from the original belongs here: a log message's wording, a default argument every caller passes, a bound
that an earlier check already enforces. A behaviour no test checks yet is a missing test, not an entry.
"""

EQUIVALENT = {
    "directory.distance.x_bounding_box__mutmut_20": (
        "the cap on the box's half-width in longitude, 180 -> 181 degrees: either way the box spans every "
        "longitude, so it holds the same rows"
    ),
}

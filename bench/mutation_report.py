"""The mutation score per module from mutmut's results, each surviving mutant explained: `make mutation`.

A mutant is caught when the tests fail (killed) or hang (timeout). One that survives is either equivalent
(it cannot change what anyone sees: bench/mutation_equivalents.py says why, mutant by mutant) or a test that
is missing, listed as such. The score is caught / (tried - equivalent); a mutant the run did not reach is
counted apart.
"""

import argparse
import collections
import subprocess
import sys

from bench.mutation_equivalents import EQUIVALENT

CAUGHT = {"killed", "timeout"}
UNTRIED = "not checked"  # a run stopped before reaching it: counted apart, never in the score


def results():
    """(mutant name, status) for every mutant of the last run, from `mutmut results --all true`."""
    lines = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for line in lines:
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" in name:
            yield name, status


def module_of(name):
    """directory.distance.x_bounding_box__mutmut_3 -> directory.distance (the path before the x_ function)."""
    parts = name.split("__mutmut_")[0].split(".")
    return ".".join(part for part in parts if not part.startswith(("x_", "xǁ")))


def score(caught, total, equivalent):
    """The share caught, in per cent; None when no mutant that counts was tried (no score, not 100%)."""
    counted = total - equivalent
    return 100 * caught / counted if counted else None


def tally(mutants):
    """Per module: the counts, the missed mutants and the equivalent ones (with their reasons)."""
    counts = collections.defaultdict(collections.Counter)
    missed = collections.defaultdict(list)
    equivalent = collections.defaultdict(list)
    for name, status in mutants:
        module = module_of(name)
        if status == UNTRIED:
            counts[module].update(["untried", status])
            continue
        if status in CAUGHT:
            kind = "caught"
        elif name in EQUIVALENT:
            kind = "equivalent"
            equivalent[module].append((name, f"{name} ({status}): {EQUIVALENT[name]}"))
        else:
            kind = "missed"
            missed[module].append((name, f"{name}: {status}"))
        counts[module].update([kind, "all", status])
    return counts, missed, equivalent


def print_scores(counts):
    print(f"{'module':40} {'caught':>6} {'equiv':>5} {'missed':>6} {'tried':>5} {'untried':>7}  score")
    total = collections.Counter()
    for module in sorted(counts):
        total.update(counts[module])
        print_row(module, counts[module])
    print_row("total", total)
    summary = {"caught", "equivalent", "missed", "all", "untried"}
    statuses = ", ".join(f"{status} {n}" for status, n in sorted(total.items()) if status not in summary)
    print(f"(mutmut's statuses: {statuses})")
    if not total["all"]:
        print("No mutant was tried: mutmut stopped first (its output above says why, e.g. a test failing unmutated).")


def print_row(label, c):
    print(
        f"{label:40} {c['caught']:6} {c['equivalent']:5} {c['missed']:6} {c['all']:5} {c['untried']:7}  "
        f"{_percent(score(c['caught'], c['all'], c['equivalent']))}"
    )


def _percent(value):
    return "    –" if value is None else f"{value:5.1f}%"


def print_lists(title, by_module):
    print(f"\n{title}")
    for module in sorted(by_module):
        print(f"  {module}")
        for _, line in by_module[module]:
            print(f"    {line}")
    if not by_module:
        print("  none")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, help="how long the run took (the Makefile measures it)")
    args = parser.parse_args(argv)
    counts, missed, equivalent = tally(results())
    if args.seconds is not None:
        print(f"make mutation: {args.seconds // 60} min {args.seconds % 60} s (mutmut 3, pyproject.toml [tool.mutmut])")
    print(
        "Score = caught (killed or timed out) / (mutants tried - equivalent ones); untried: not reached by this run\n"
    )
    print_scores(counts)
    print_lists("Surviving mutants no test catches yet (`mutmut show NAME` prints the change):", missed)
    print_lists("Equivalent mutants (they change nothing anyone can see), with the reason:", equivalent)
    seen = {name for pairs in equivalent.values() for name, _ in pairs}
    # Only modules this run tried: a narrowed run (MUTANTS=...) says nothing of the others' entries.
    tried = {module for module, count in counts.items() if count["all"]}
    stale = sorted(name for name in set(EQUIVALENT) - seen if module_of(name) in tried)
    if stale:
        print("\nListed as equivalent but caught or gone in this run (remove from bench/mutation_equivalents.py):")
        for name in stale:
            print(f"  {name}")


if __name__ == "__main__":
    main()

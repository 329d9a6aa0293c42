"""The mutation score per module from mutmut's results, with every surviving mutant listed: `make mutation`."""

import collections
import subprocess
import sys

KILLED = {"killed", "timeout", "segfault"}  # a mutant that made the tests fail or hang was caught


def main():
    lines = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    counts = collections.defaultdict(collections.Counter)
    survivors = collections.defaultdict(list)
    for line in lines:
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" not in name:
            continue
        # directory.distance.x_bounding_box__mutmut_3: the module is the dotted path before the x_ function.
        module = ".".join(part for part in name.split("__mutmut_")[0].split(".") if not part.startswith("x"))
        counts[module][status] += 1
        if status not in KILLED:
            survivors[module].append(f"{name}: {status}")
    print("Mutation score per module (killed / all mutants run; mutmut 3, tests in pyproject.toml [tool.mutmut])")
    for module in sorted(counts):
        total = sum(counts[module].values())
        killed = sum(n for status, n in counts[module].items() if status in KILLED)
        detail = ", ".join(f"{status} {n}" for status, n in sorted(counts[module].items()))
        print(f"{module:45} {killed:4}/{total:<4} {100 * killed / total:5.1f}%   ({detail})")
    for module in sorted(survivors):
        print(f"\n{module}: not killed")
        for survivor in survivors[module]:
            print(f"  {survivor}")


if __name__ == "__main__":
    main()

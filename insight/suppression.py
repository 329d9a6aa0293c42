"""The one rule for counts that come from the public (searches, reports): 1 to 4 is shown as "<5".

Every page, chart, table and download calls `suppress()`, so no search can be traced to a person.
Counts of services are public facts (the listings are published) and are shown exactly.
"""

THRESHOLD = 5
SUPPRESSED = "<5"
RULE = "Counts of searches and of public reports from 1 to 4 are shown as <5, so no search can be traced to a person."


def is_suppressed(count):
    return count is not None and 0 < count < THRESHOLD


def suppress(count):
    """The count to show: the number itself, or "<5" when it is 1 to 4."""
    if count is None:
        return ""
    return SUPPRESSED if is_suppressed(count) else count


def suppressed_share(count, total):
    """A share (in %) of a count from the public, hidden when the count is: a share can give the count away."""
    if is_suppressed(count):
        return SUPPRESSED
    return percent(count, total)


def percent(count, total):
    return round(100 * count / total, 1) if total else 0.0

"""Insight for the people who commission: where the offer is thin, and what families look for and do not find."""

"""The Open Referral UK 3.0 read API at /api/oruk/."""

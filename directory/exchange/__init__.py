"""Data exchange: Open Referral UK and CSV import."""

"""Open Referral UK feeds the directory team registers: syncing on a schedule, provenance, ownership, duplicates."""

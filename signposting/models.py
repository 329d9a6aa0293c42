"""Signposting models."""

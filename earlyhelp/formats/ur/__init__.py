"""Urdu formats for the site."""

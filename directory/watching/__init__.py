"""Watching: the directory team and commissioners follow services and organisations and get a daily digest."""

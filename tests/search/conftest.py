"""Fixtures shared by the search tests: the search logger's warnings, and an address where nothing listens."""

import logging
import socket

import pytest


@pytest.fixture
def search_log(caplog, monkeypatch):
    """Warnings of "earlyhelp.search" (the test settings may stop them reaching the root logger)."""
    monkeypatch.setattr(logging.getLogger("earlyhelp"), "propagate", True)
    caplog.set_level(logging.WARNING, logger="earlyhelp.search")
    return caplog


@pytest.fixture
def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there once the probe is closed.
    return f"http://127.0.0.1:{port}"

"""Backups of the whole offer: the database (SQLite online backup, or pg_dump) and media, with a manifest.

A backup is a directory: `manifest.json`, `database.sqlite3` or `database.dump`, and `media/`. Restore
refuses any directory without this project's manifest, and any file whose checksum no longer matches.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
FORMAT = "earlyhelp-backup"
VERSION = 1
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """Something a person running the command can act on; str() says what."""


def _engine(connection):
    if connection.vendor == "sqlite":
        return "sqlite"
    if connection.vendor == "postgresql":
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def _postgres_env(connection):
    options = connection.settings_dict
    env = {**os.environ}
    if options.get("PASSWORD"):
        env["PGPASSWORD"] = options["PASSWORD"]
    return env, [
        *(["--host", options["HOST"]] if options.get("HOST") else []),
        *(["--port", str(options["PORT"])] if options.get("PORT") else []),
        *(["--username", options["USER"]] if options.get("USER") else []),
    ]


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  (pg_dump/pg_restore)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def backup(directory, using="default"):
    """Write a backup into `directory` (new, or empty); returns the manifest."""
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty. Give a new directory for each backup.")
    target.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    engine = _engine(connection)
    if engine == "sqlite":
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot while the site keeps running.
        destination = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        database_file = SQLITE_FILE
    else:
        env, options = _postgres_env(connection)
        name = connection.settings_dict["NAME"]
        _run(["pg_dump", "--format=custom", "--no-owner", *options, "--file", str(target / POSTGRES_FILE), name], env)
        database_file = POSTGRES_FILE
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, target / MEDIA_DIR)
    else:
        (target / MEDIA_DIR).mkdir()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database": database_file,
        "checksums": {str(path.relative_to(target)): _sha256(path) for path in _files(target)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def read_manifest(directory):
    """The backup's manifest, or BackupError saying politely why `directory` is not a backup to restore."""
    source = Path(directory)
    path = source / MANIFEST
    if not source.is_dir():
        raise BackupError(f"{source} is not a directory. Give the directory `manage.py backup` wrote.")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup made by `manage.py backup` (no readable {MANIFEST}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{source} is not a backup made by `manage.py backup` (its {MANIFEST} is not ours).")
    for name, expected in manifest.get("checksums", {}).items():
        file = source / name
        if not file.is_file() or _sha256(file) != expected:
            raise BackupError(f"{source} is damaged: {name} is missing or changed since the backup. Nothing restored.")
    return manifest


def restore(directory, using="default"):
    """Replace the database and the media with the backup's; returns its manifest."""
    source = Path(directory)
    manifest = read_manifest(source)
    connection = connections[using]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database; the site now uses {engine}.")
    if engine == "sqlite":
        connection.ensure_connection()
        backup_db = sqlite3.connect(source / SQLITE_FILE)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
    else:
        connection.close()  # pg_restore drops and recreates tables: hold no locks on them
        env, options = _postgres_env(connection)
        name = connection.settings_dict["NAME"]
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *options]
        _run([*command, "--dbname", name, str(source / POSTGRES_FILE)], env)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    shutil.copytree(source / MEDIA_DIR, media)
    return manifest

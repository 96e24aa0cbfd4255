"""Throw-away databases for the benchmarks: a SQLite file in a temporary folder, or a fresh PostgreSQL database
``openkp_bench_<pid>`` on a server (the user needs the right to create databases). Both are removed at the end,
also on error or Ctrl-C."""

import os
import shutil
import tempfile
from contextlib import contextmanager


@contextmanager
def sqlite_database():
    directory = tempfile.mkdtemp(prefix="openkp_bench_")
    try:
        yield f"sqlite:///{directory}/bench.sqlite3"
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def postgres_database(server):
    import psycopg

    name = f"openkp_bench_{os.getpid()}"
    server = server.rstrip("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database(kind, postgres_server):
    """The context manager of a fresh database of ``kind`` ("sqlite" or "postgres"); it yields its URL."""
    return sqlite_database() if kind == "sqlite" else postgres_database(postgres_server)

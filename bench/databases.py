"""Throw-away databases for the benchmarks: a SQLite file in a temporary folder, or a fresh PostgreSQL database
``openkp_bench_<pid>`` on a server (the user needs the right to create databases). Both are removed at the end,
also on error or Ctrl-C.

A benchmark that measures on both re-runs itself as a child process per database (``run_children``), with the
database's URL in ``DATABASE_URL``; the child writes its figures as JSON to the file given by ``--out``."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def add_arguments(parser):
    """The options the benchmarks share: the databases, the PostgreSQL server and the child's hidden options."""
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
                        help="PostgreSQL server URL without a database name; a fresh database is created and dropped")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)


def parse_arguments(parser):
    """The parsed options, ``databases`` as a list of "sqlite" and "postgres"."""
    args = parser.parse_args()
    args.databases = [value.strip() for value in args.databases.split(",") if value.strip()]
    unknown = set(args.databases) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")
    return args


def run_children(script, args, child_arguments, report):
    """Run ``script --child DATABASE *child_arguments`` on a fresh database of each of ``args.databases`` and pass
    each child's figures (with ``seconds``, the whole run) to ``report``."""
    for kind in args.databases:
        with database(kind, args.postgres) as url:
            result = _run_child(script, kind, url, child_arguments)
        if result:
            report(result)


def _run_child(script, kind, url, child_arguments):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        command = [sys.executable, str(script), "--child", kind, *child_arguments, "--out", out]
        started = time.perf_counter()
        code = subprocess.run(command, env={**os.environ, "DATABASE_URL": url}, cwd=ROOT).returncode
        if code != 0:
            print(f"  [{kind}] child failed with exit code {code}")
            return None
        result = json.loads(Path(out).read_text(encoding="utf-8"))
        result["seconds"] = time.perf_counter() - started
        return result
    finally:
        os.unlink(out)

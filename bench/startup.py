"""Start-up cost of every ``manage.py`` call: the median wall time of ``manage.py check``, the number of modules
it imports, and which heavy document and spreadsheet libraries are imported before any of them is needed.

    .venv/bin/python bench/startup.py [--repeat 5]

Each run is a fresh interpreter, as a cron job, a deployment step or a management command is. The heavy
libraries are imported where they are used (a document is rendered, a spreadsheet read), so a ``check`` or a
``migrate`` should import none of them."""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("typst", "weasyprint", "pikepdf", "openpyxl", "docx", "pypdf", "PIL", "icalendar")
PROBE = (
    "import sys, django; from django.core.management import call_command; django.setup(); call_command('check', verbosity=0); "
    "print('modules=%d' % len(sys.modules)); print('heavy=' + ' '.join(sorted(n for n in {heavy!r} if n in sys.modules)))"
)


def run(argv, env):
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run([sys.executable, "manage.py", "check"], env)  # warm the file cache and write any missing bytecode
    times = [run([sys.executable, "manage.py", "check"], env)[0] for _ in range(options.repeat)]
    _, probe = run([sys.executable, "-c", PROBE.format(heavy=HEAVY)], env)
    figures = dict(line.split("=", 1) for line in probe.splitlines() if line.startswith(("modules=", "heavy=")))
    modules, heavy = figures["modules"], figures["heavy"]
    no_bytecode = run([sys.executable, "-B", "-X", "pycache_prefix=/nonexistent-cache", "manage.py", "check"], env)[0]
    print(f"manage.py check: median {statistics.median(times):.2f} s of {options.repeat} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")
    print(f"  without bytecode (every module compiled): {no_bytecode:.2f} s")
    print(f"  modules imported: {modules}")
    print(f"  heavy libraries imported at start-up: {heavy or 'none'} (of {', '.join(HEAVY)})")


if __name__ == "__main__":
    main()

"""Time and peak memory of the answers import: a file far over the row limit, and a normal file through all steps.

Run: .venv/bin/python bench/imports.py [ROWS ...]     (default: 200000 2000000)
Each measurement runs in a fresh process (the peak resident memory of a process only grows), through the
real pages with the test client, in an in-memory SQLite database:

- ``refusal N``: upload of an XLSX of N answer rows (3 columns, written with openpyxl write_only, a few
  hundred kB), then the mapping page;
- ``normal``: 5 000 rows through upload, mapping (shown and sent), preview (shown and confirmed).

Peak memory is the process's maximum resident set size (ru_maxrss) minus the same figure after start-up.
BENCH_ROOT=/path/to/other/checkout runs the same measurement against that code (e.g. the main branch).
"""

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parents[1])
FILES = Path(os.environ.get("BENCH_FILES", "/tmp/openkp-bench-imports"))
NORMAL_ROWS = 5000


def workbook(rows):
    """An answers XLSX of ``rows`` rows, cached between runs."""
    path = FILES / f"answers-{rows}.xlsx"
    if not path.exists():
        from openpyxl import Workbook

        FILES.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Odpovědi")
        sheet.append(["skupina", "pomoc", "vek"])
        for _index in range(rows):
            sheet.append(["{group}", "ano", 42])  # alike rows pack small, as the real file did (2 M rows in 633 kB)
        book.save(path.with_suffix(".part"))
        path.with_suffix(".part").rename(path)
        print(f"  (generated {path.name}: {path.stat().st_size / 1024:.0f} kB in {time.perf_counter() - started:.0f} s)", flush=True)
    return path


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("IMPORT_WORK_DIR", str(FILES / "work"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context: the mapping form is sent as the page shows it
    call_command("migrate", verbosity=0)
    from openkp.accounts.tests.factories import MembershipFactory
    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.core.tests.factories import AreaFactory
    from openkp.needs.tests.factories import sample_survey

    load_seed_codebooks()
    area = AreaFactory(slug="mesto", name="Město Testov")
    survey = sample_survey(area)
    group = survey.current_version.questions.get(code="skupina").choices.order_by("order").first().value
    user = MembershipFactory(area=area, role="coordinator").user
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client, survey, group


def with_group(path, group):
    """The file's bytes with the survey's real target-group code (the file is written before the survey exists),
    and without the optional cell and row references (r="A2"), as some programs write it: 2 M rows fit in
    a few hundred kB, well under the upload limit of 20 MB."""
    import re
    import zipfile

    cached = FILES / f"upload-{path.stem}-{group}.xlsx"
    if cached.exists():
        return cached.read_bytes()
    source, output = zipfile.ZipFile(path), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry).replace(b"{group}", group.encode())
            if entry.filename.startswith("xl/worksheets/"):
                content = re.sub(rb' r="[A-Z]*[0-9]+"', b"", content)
            target.writestr(entry, content)
    data = output.getvalue()
    cached.write_bytes(data)
    print(f"    uploaded file: {len(data) / 1024:.0f} kB", flush=True)
    return data


def step(name, action):
    started = time.perf_counter()
    response = action()
    print(f"    {name:<22} {time.perf_counter() - started:7.2f} s   HTTP {response.status_code}", flush=True)
    return response


def run(scenario, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, survey, group = setup()
    data = with_group(workbook(rows), group)
    if scenario == "prepare":  # the upload is made in a process of its own, so that it does not count in the peak
        return
    base = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/import-odpovedi/"
    baseline = max_rss_mb()
    started = time.perf_counter()
    upload = step("upload", lambda: client.post(base, {"file": SimpleUploadedFile("odpovedi.xlsx", data)}))
    if scenario == "refusal":
        text = upload.content.decode()
        refused = "více než" in text
        print(f"    refused with the limit message: {refused}", flush=True)
    mapping = step("mapping page", lambda: client.get(base + "sloupce/"))
    if scenario == "normal":
        form = mapping.context["form"]
        post = {name: field.initial or "" for name, field in form.fields.items()}
        step("mapping sent", lambda: client.post(base + "sloupce/", post))
        step("preview page", lambda: client.get(base + "nahled/"))
        step("import confirmed", lambda: client.post(base + "nahled/"))
        from openkp.needs.models import Response

        print(f"    imported responses: {Response.objects.count()}", flush=True)
    print(f"  total {time.perf_counter() - started:.1f} s, peak memory +{max_rss_mb() - baseline:.0f} MB "
          f"(process peak {max_rss_mb():.0f} MB)", flush=True)


def main(arguments):
    if arguments and arguments[0] == "--one":
        run(arguments[1], int(arguments[2]))
        return
    sizes = [int(argument) for argument in arguments] or [200_000, 2_000_000]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"Code: {ROOT}", flush=True)
    for rows in sizes:
        workbook(rows)
        print(f"Upload of {rows:,} rows (over the limit), then the mapping page:", flush=True)
        subprocess.run([sys.executable, __file__, "--one", "prepare", str(rows)], env=environment, check=False)
        subprocess.run([sys.executable, __file__, "--one", "refusal", str(rows)], env=environment, check=False)
    workbook(NORMAL_ROWS)
    print(f"Normal import of {NORMAL_ROWS:,} rows through all steps:", flush=True)
    subprocess.run([sys.executable, __file__, "--one", "prepare", str(NORMAL_ROWS)], env=environment, check=False)
    subprocess.run([sys.executable, __file__, "--one", "normal", str(NORMAL_ROWS)], env=environment, check=False)


if __name__ == "__main__":
    main(sys.argv[1:])

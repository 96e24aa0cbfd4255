import json
import os
import subprocess
import sys

from django.conf import settings


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_public_pages_have_czech_shell(client, area):
    html = client.get("/mesto/").content.decode()
    assert '<html lang="cs"' in html
    assert "Přeskočit na obsah" in html
    assert "Prohlášení o přístupnosti" in html
    assert 'id="obsah"' in html


def test_english_through_language_switch(client, area):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/mesto/"})
    assert response.status_code == 302
    html = client.get("/mesto/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert "Accessibility statement" in html


def test_security_headers(client, area):
    response = client.get("/mesto/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7$kq2!vz9@pl0#rt5^mn8&bw3*yh6(cj1)ds4_fg-ue+ia-Q2w3E4r5T6y7U8i9",
        "ALLOWED_HOSTS": "kp.example.org",
        "STATIC_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_api_lists_areas_and_serves_schema(client, area):
    data = client.get("/api/v1/areas/").json()
    assert data["count"] == 1
    assert data["results"][0]["slug"] == "mesto"
    assert data["results"][0]["url"] == "/mesto/"
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/areas/" in json.loads(schema.content)["paths"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_api_writes_are_refused_without_login(client, area):
    response = client.post("/api/v1/areas/", {"slug": "x"})
    assert response.status_code == 401

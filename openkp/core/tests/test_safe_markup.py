"""Every place that turns escaping off is on an allow-list with the reason it is safe.

Text a person typed or uploaded reaches markup only through escaping (STYLE.md): ``|safe``, ``mark_safe``,
``SafeString(…)`` and ``{% autoescape off %}`` are for text the code itself built. The test finds them in every
template and Python file and compares them, by file and the text of the line (not its number), with ``ALLOWED``.
"""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
THIS_FILE = Path(__file__).resolve()
TEMPLATE_SUFFIXES = {".html", ".txt", ".typ", ".xml", ".svg", ".js"}
TEMPLATE_PATTERN = re.compile(r"\|\s*safe(seq)?\b|\{%-?\s*autoescape\s+off\s*-?%\}")
PYTHON_PATTERN = re.compile(r"\b(mark_safe|SafeString|SafeText)\s*\(|\|\s*safe(seq)?\b|autoescape\s+off")
SKIPPED_DIRS = {".venv", "node_modules", "dist", "staticfiles", ".git", "__pycache__", "locale"}

# (path from the repository root, the line's text without surrounding spaces): why it cannot carry markup
# someone typed or uploaded.
ALLOWED = {
    ("openkp/catalog/views.py", "return mark_safe(body)  # rendered by the template engine, escaped there"):
        "the catalogue body rendered by render_to_string (autoescaped) and kept in the cache as a plain string",
    ("openkp/plans/services/register.py", 'return mark_safe("")'):
        "an empty string",
    ("openkp/plans/services/register.py", "return mark_safe(clean.strip())  # noqa: S308 -- sanitised by nh3 with the allow-list above"):
        "chapter Markdown rendered to HTML and sanitised by nh3 with a tag, attribute and URL-scheme allow-list",
    ("openkp/core/templatetags/openkp.py",
     """return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data)))  # escaped above"""):
        "JSON with <, > and & written as \\u003C etc. (as Django's json_script): nothing in it can end the script",
}
# Plain-text e-mails: ``{% autoescape off %}`` in a .txt template under an ``email/`` folder is allowed without an entry.
# The body is sent as text/plain (there is no HTML part), where escaping would show "&amp;" and "&#x27;" to the reader.
PLAIN_TEXT_EMAIL_DIR = "email"


def found_places(root=ROOT):
    """{(path, line text): first line number} of every construct that turns escaping off."""
    places = {}
    for path in sorted(_files(root)):
        if path.resolve() == THIS_FILE:
            continue
        if path.suffix == ".py":
            pattern = PYTHON_PATTERN
        elif path.suffix in TEMPLATE_SUFFIXES and "templates" in path.relative_to(root).parts:
            pattern = TEMPLATE_PATTERN
        else:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if pattern.search(line):
                places.setdefault((path.relative_to(root).as_posix(), line.strip()), number)
    return places


def _files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS and not name.startswith(".")]
        yield from (Path(folder) / name for name in files)


def is_plain_text_email(path, line):
    parts = Path(path).parts
    return (path.endswith(".txt") and PLAIN_TEXT_EMAIL_DIR in parts and "templates" in parts
            and TEMPLATE_PATTERN.search(line).group(0).startswith("{%") and "|safe" not in line)


def test_every_unescaped_place_is_on_the_allow_list():
    places = found_places()
    unexplained = [f"  {path}:{number}: {line}" for (path, line), number in sorted(places.items())
                   if (path, line) not in ALLOWED and not is_plain_text_email(path, line)]
    assert not unexplained, (
        "Escaping is turned off in a place nobody has justified:\n" + "\n".join(unexplained) + "\n"
        "Text a person typed or uploaded must stay escaped: drop the |safe / mark_safe, build markup with "
        "format_html() (a SafeString that needs no |safe), put JSON into a page with json_script or {% json_ld %}. "
        "If the text is built by the code itself from escaped parts, add (path, line text) to ALLOWED in "
        f"{THIS_FILE.relative_to(ROOT)} with a one-line reason why nothing typed or uploaded can reach it."
    )
    stale = sorted(set(ALLOWED) - set(places))
    assert not stale, f"Allow-list entries no longer in the code (remove them from ALLOWED): {stale}"


def test_the_scan_finds_new_places(tmp_path):
    templates = tmp_path / "app" / "templates" / "app"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text("<p>{{ text }}</p>\n<p>{{ text|safe }}</p>\n{{ items|safeseq }}\n")
    (templates / "email").mkdir()
    (templates / "email" / "hello.txt").write_text("{% autoescape off %}{{ name }}{% endautoescape %}\n")
    (tmp_path / "app" / "views.py").write_text("from django.utils.safestring import mark_safe\n\nhtml = mark_safe(text)\n"
                                               "other = SafeString(text)\n")
    places = found_places(tmp_path)
    assert sorted(places) == [
        ("app/templates/app/email/hello.txt", "{% autoescape off %}{{ name }}{% endautoescape %}"),
        ("app/templates/app/page.html", "<p>{{ text|safe }}</p>"),
        ("app/templates/app/page.html", "{{ items|safeseq }}"),
        ("app/views.py", "html = mark_safe(text)"),
        ("app/views.py", "other = SafeString(text)"),
    ]
    assert is_plain_text_email("app/templates/app/email/hello.txt", "{% autoescape off %}{{ name }}")
    assert not is_plain_text_email("app/templates/app/page.html", "<p>{{ text|safe }}</p>")

"""A long PDF rendered in parallel.

WeasyPrint lays out about a millisecond per line or table cell on one core, so the 400 pages of a big plan take
a minute. Here the body is split into parts that each begin on a new page; every part is laid out by its own
process and the pages are put together with pikepdf:

* the front matter (title page, contents with page numbers) is rendered last, when the page of every heading
  is known, followed by blank *stamp* pages that carry only the page number ("Strana 5 z 380") and are laid
  over the parts' pages;
* the named destinations (what the contents' links point to) and the outline (bookmarks) are rebuilt for the
  whole document.

A part is rendered by ``python -m openkp.core.pdfparts PART.html PART.pdf`` in a fresh interpreter, so it works
in a web worker as well as in Celery's daemonic worker processes (which may not fork children of their own);
it prints where the part's anchors and bookmarks are as JSON. Nothing here needs Django.
"""

import io
import json
import subprocess
import sys
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

PX_TO_PT = 0.75  # WeasyPrint measures in CSS pixels, PDF in points
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Part:
    """A rendered part: its PDF and where its anchors and bookmarks are (page index in the part, PDF points)."""

    pdf: bytes
    pages: int
    anchors: dict  # name → [page, x, y]
    bookmarks: list  # [level, label, page, x, y, closed]


def render_part(html):
    """Lay out ``html`` with WeasyPrint in this process."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    anchors, bookmarks = {}, []
    for index, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        for name, point in page.anchors.items():
            anchors.setdefault(name, [index, point[0] * PX_TO_PT, height - point[1] * PX_TO_PT])
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append([level, label, index, x * PX_TO_PT, height - y * PX_TO_PT, state == "closed"])
    return Part(document.write_pdf(), len(document.pages), anchors, bookmarks)


def render_document(parts, front, *, workers, progress=None):
    """PDF bytes of a document made of the front matter and ``parts`` (HTML documents, each beginning on a new page).

    ``front(pages, stamps)`` returns the front matter's HTML: the title and contents pages, with ``pages``
    (anchor → page number) in the contents, followed by ``stamps`` stamp pages; ``front(None, 0)`` is a draft of
    the same length without them, to count its pages while the parts are laid out. At most ``workers`` parts are rendered
    at a time, each in a child process. ``progress(done, total)`` is called as the parts are laid out.
    """
    with tempfile.TemporaryDirectory(prefix="openkp-pdf-") as directory, ThreadPoolExecutor(max(workers, 1)) as pool:
        pending = [pool.submit(_render_in_child, Path(directory) / f"part-{index}", html) for index, html in enumerate(parts)]
        front_pages = render_part(front(None, 0)).pages
        for done, _future in enumerate(as_completed(pending), start=1):
            if progress:
                progress(done, len(pending))
        rendered = [future.result() for future in pending]
    body_pages = sum(part.pages for part in rendered)
    for _attempt in range(3):  # page numbers in the contents may (rarely) push it onto one more page
        anchors = _global_anchors(rendered, front_pages)
        cover = render_part(front({name: page + 1 for name, (page, _x, _y) in anchors.items()}, body_pages))
        if cover.pages == front_pages + body_pages:
            break
        front_pages = cover.pages - body_pages
    else:
        raise RuntimeError("The front matter does not settle on a page count.")
    return _assemble(cover, front_pages, rendered, anchors)


def _render_in_child(stem, html):
    source, target = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    source.write_text(html, encoding="utf-8")
    process = subprocess.run([sys.executable, "-m", __name__, str(source), str(target)], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=False)
    if process.returncode != 0:
        raise RuntimeError(f"Rendering a part of the PDF failed: {process.stderr[-2000:]}")
    layout = json.loads(process.stdout)
    return Part(target.read_bytes(), layout["pages"], layout["anchors"], layout["bookmarks"])


def _global_anchors(parts, front_pages):
    anchors, offset = {}, front_pages
    for part in parts:
        for name, (page, x, y) in part.anchors.items():
            anchors.setdefault(name, (offset + page, x, y))
        offset += part.pages
    return anchors


def _assemble(cover, front_pages, parts, anchors):
    import pikepdf

    front = pikepdf.open(io.BytesIO(cover.pdf))
    output = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(part.pdf)) for part in parts]
    with warnings.catch_warnings():  # the named destinations and the outline are made below, for all the pages
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        output.pages.extend(front.pages[:front_pages])
        for source in sources:
            output.pages.extend(source.pages)
    for index in range(front_pages, len(output.pages)):
        output.pages[index].add_overlay(front.pages[index])

    destinations = pikepdf.NameTree.new(output)
    for name, (page, x, y) in anchors.items():
        destinations[name] = pikepdf.Array([output.pages[page].obj, pikepdf.Name.XYZ, x, y, 0])
    output.Root.Names = pikepdf.Dictionary(Dests=destinations.obj)

    bookmarks = [(level, label, page, x, y, closed) for level, label, page, x, y, closed in cover.bookmarks if page < front_pages]
    offset = front_pages
    for part in parts:
        bookmarks.extend((level, label, offset + page, x, y, closed) for level, label, page, x, y, closed in part.bookmarks)
        offset += part.pages
    _outline(output, bookmarks)

    for key, value in front.docinfo.items():
        output.docinfo[key] = value
    if "/Lang" in front.Root:
        output.Root.Lang = front.Root.Lang
    buffer = io.BytesIO()
    output.save(buffer)
    for source in [front, *sources]:
        source.close()
    return buffer.getvalue()


def _outline(pdf, bookmarks):
    """The outline from flat ``(level, label, page, x, y, closed)`` bookmarks, nested by level as WeasyPrint does."""
    import pikepdf

    with pdf.open_outline() as outline:
        stack = [(0, outline.root)]  # (level, list of children)
        for level, label, page, x, y, closed in bookmarks:
            while stack[-1][0] >= level:
                stack.pop()
            item = pikepdf.OutlineItem(label, page, "XYZ", left=x, top=y)
            item.is_closed = closed
            stack[-1][1].append(item)
            stack.append((level, item.children))


def main(arguments):
    source, target = arguments
    part = render_part(Path(source).read_text(encoding="utf-8"))
    Path(target).write_bytes(part.pdf)
    json.dump({"pages": part.pages, "anchors": part.anchors, "bookmarks": part.bookmarks}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

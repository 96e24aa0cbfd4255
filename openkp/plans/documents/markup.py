"""Chapter texts: Markdown → sanitised HTML as an element tree with Czech typography in every text node.

The PDF prints the tree as HTML; the DOCX walks the same tree and writes Word headings, paragraphs,
lists and tables, so both formats show the same text.
"""

import re

import markdown
import nh3
from lxml import html as lxml_html

from openkp.core.typography import czech_typography_inline

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "code", "pre", "blockquote", "hr", "sub", "sup", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
NO_TYPOGRAPHY = {"code", "pre"}


def markdown_html(text):
    """Sanitised HTML of a Markdown text (no raw HTML, scripts or styles get through)."""
    rendered = markdown.markdown(text or "", extensions=["tables", "sane_lists"],
                                 extension_configs={"tables": {"use_align_attribute": True}})
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)


# A text node ends where inline markup begins ("v <strong>Praze</strong>"): its last one-letter word binds onward.
typographic = czech_typography_inline


def _apply_typography(element):
    if element.tag in NO_TYPOGRAPHY:
        return
    element.text = typographic(element.text)
    for child in element:
        _apply_typography(child)
        child.tail = typographic(child.tail)


def markdown_tree(text, *, heading_offset=1):
    """The text as a ``<div>`` element; headings shifted so ``#`` and ``##`` sit just below the chapter
    heading (level ``heading_offset + 1``) and nothing goes deeper than level 5."""
    root = lxml_html.fragment_fromstring(markdown_html(text), create_parent="div")
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        level = max(int(heading.tag[1]), 2) - 1 + heading_offset
        heading.tag = f"h{min(level, 5)}"
    _apply_typography(root)
    return root


def tree_headings(root, level):
    """Elements of the headings of one level, in order."""
    return list(root.iter(f"h{level}"))


def inner_html(root):
    """The HTML inside the root ``<div>`` (for a template, already sanitised)."""
    parts = [root.text or ""] if root.text and root.text.strip() else []
    parts.extend(lxml_html.tostring(child, encoding="unicode") for child in root)
    return "".join(parts)


def element_text(element):
    """The element's text on one line (non-breaking spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(element.itertext())).strip(" ")

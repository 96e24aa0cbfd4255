"""The chapter "Analýza současného stavu cílové skupiny …" of the community plan: a working group's
needs-and-services map as DOCX and PDF (the same content as the map page)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openkp.core import documents

from .selectors.register import map_figures, map_rows, map_title


def paragraphs(text):
    """Paragraphs of a text typed with empty lines between them."""
    return [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n") if part.strip()]


def need_cell(row):
    need = row.need
    lines = [need.title]
    details = [str(target) for target in need.target_groups.all()]
    details.append(_("naléhavost: %(urgency)s") % {"urgency": need.get_urgency_display()})
    lines.append(", ".join(details))
    return lines


def service_lines(summary):
    service = summary.service
    line = f"{service.name} ({service.provider.name})"
    if summary.capacity:
        line += f"; {summary.capacity}"
    if summary.places:
        line += f"; {summary.places}"
    return line


def gap_lines(gap):
    details = [str(value) for value in (gap.service_type, gap.missing_capacity, gap.place) if value]
    return f"{gap.title} ({', '.join(details)})" if details else gap.title


def map_context(group, needs_map):
    """What the chapter shows, for the page and both documents."""
    return {
        "title": map_title(group),
        "group": group,
        "needs_map": needs_map,
        "current_state": paragraphs(needs_map.current_state),
        "conclusions": paragraphs(needs_map.conclusions),
        "rows": map_rows(group=group),
        "figure_tables": map_figures(group=group),
    }


TABLE_HEADERS = (gettext_lazy("Potřeba"), gettext_lazy("Existující služby (kapacita, kde)"), gettext_lazy("Chybějící služby"),
                 gettext_lazy("Navrhovaná řešení"))


def map_docx(group, needs_map):
    context = map_context(group, needs_map)
    document = documents.DocxDocument(title=context["title"], area=group.area,
                                      subtitle=f"{group.name} – {group.period.name}")
    document.heading(_("Současný stav"))
    for paragraph in context["current_state"] or [_("Text zatím není napsán.")]:
        document.paragraph(paragraph)
    document.heading(_("Potřeby a služby"))
    if context["rows"]:
        rows = [("\n".join(need_cell(row)),
                 "\n".join(service_lines(summary) for summary in row.services) or "—",
                 "\n".join(gap_lines(gap) for gap in row.gaps) or "—",
                 "\n".join(gap.proposed_solution for gap in row.gaps if gap.proposed_solution) or "—")
                for row in context["rows"]]
        document.table([str(header) for header in TABLE_HEADERS], rows)
    else:
        document.paragraph(_("Skupina zatím nemá v registru žádné potřeby."))
    if context["figure_tables"]:
        document.heading(_("Demografické údaje"))
        for figure_table in context["figure_tables"]:
            document.paragraph(f"{figure_table.indicator} ({figure_table.unit})", bold=True)
            columns = [_("Místo"), *[str(year) for year in figure_table.years]]
            document.table(columns, [(place, *[value or "—" for value in values]) for place, values in figure_table.rows],
                           numeric_columns=range(1, len(columns)))
    document.heading(_("Závěry"))
    for paragraph in context["conclusions"] or [_("Závěry zatím nejsou napsány.")]:
        document.paragraph(paragraph)
    document.footer_note(f"{group.area.name} – {group.name}")
    return document.to_bytes()


def map_pdf(group, needs_map):
    context = map_context(group, needs_map)
    return documents.render_pdf("needs/maps/map_pdf.html", {**context, "headers": TABLE_HEADERS}, area=group.area)

"""What the staff dashboard shows of the other modules, so that core does not depend on them.

Apps register in their ``AppConfig.ready()``:

- ``register_attention(source)``: ``source(*, area, user) -> iterable of AttentionItem`` — what waits for this
  person in the area ("K vyřízení"), limited to what their roles let them do;
- ``register_panel(render)``: ``render(request) -> str`` — the HTML of a block of the dashboard for this person
  (e.g. "Moje skupiny", "Moje služby"), or "" when it has none for them.

Each source and panel uses a constant number of queries (the dashboard has a query-count test per role) and
decides itself from the person's roles whether it has anything for them; another area's rows never count.
"""

from dataclasses import dataclass, field

_attention_sources = []
_panels = []


@dataclass(frozen=True)
class AttentionEntry:
    """One thing behind an item (a meeting, a survey), with the page where it is done."""

    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class AttentionItem:
    """A kind of thing waiting for the person: how many, and where it is done (``url`` or one link per entry)."""

    label: str
    count: int
    url: str = ""
    entries: tuple = field(default=())
    note: str = ""
    urgent: bool = False
    entry_count: int | None = None  # how many entries there are in all, when an entry is not one of ``count``

    @property
    def more(self):
        """How many entries are left out of ``entries``."""
        total = self.count if self.entry_count is None else self.entry_count
        return max(0, total - len(self.entries)) if self.entries else 0


def register_attention(source):
    _attention_sources.append(source)
    return source


def register_panel(render):
    _panels.append(render)
    return render


def attention_items(*, area, user):
    """Everything waiting for this person in the area, in the order the modules registered (items with a count only)."""
    return [item for source in _attention_sources for item in source(area=area, user=user) if item.count]


def panels(request):
    return [html for render in _panels if (html := render(request))]

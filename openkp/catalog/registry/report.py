"""The outcome of an import: counts of created, updated, unchanged, ended and skipped services,
changed providers, the rejected records with their reasons (Czech), and the services the import
ends (or would end, when the ending was held back or needs the operator's confirmation)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openkp.core.typography import format_number, format_percent

# Without the operator's confirmation an import may end at most this share of the area's active
# registry services: a truncated or wrong file must not empty the catalogue.
ENDING_LIMIT_PERCENT = 20


def ending_limit(active):
    """How many of ``active`` registry services an import may end without confirmation."""
    return active * ENDING_LIMIT_PERCENT // 100


@dataclass
class Rejection:
    reference: str
    reason: str

    def __str__(self):
        return f"{self.reference}: {self.reason}"


@dataclass(frozen=True)
class EndingService:
    """A service imported earlier that the file no longer lists."""

    portal_id: int
    name: str
    provider: str

    def __str__(self):
        return _("portalId %(id)s: %(name)s (%(provider)s)") % {"id": self.portal_id, "name": self.name, "provider": self.provider}


@dataclass
class RegistryReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ended: int = 0
    skipped: int = 0
    providers_created: int = 0
    providers_updated: int = 0
    rejections: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    # Ending: the active registry services missing from the file, how many the area has, how many
    # may end without confirmation, and how many the operator confirmed.
    ending: list = field(default_factory=list)
    active: int = 0
    ending_limit: int = 0
    allow_ending: int = 0

    @property
    def rejected(self):
        return len(self.rejections)

    @property
    def ending_confirmed(self):
        return len(self.ending) <= self.allow_ending

    @property
    def ending_refused(self):
        """More services would end than may without confirmation, and the operator did not confirm
        as many: the whole import is refused."""
        return len(self.ending) > self.ending_limit and not self.ending_confirmed

    @property
    def ending_held_back(self):
        """Records were rejected (one of them may be a service still registered): nothing ends
        unless the operator confirmed it, the rest of the file is imported."""
        return bool(self.ending) and bool(self.rejections) and not self.ending_confirmed and not self.ending_refused

    @property
    def needs_confirmation(self):
        return self.ending_refused or self.ending_held_back

    def summary(self):
        text = _(
            "Služby z registru – nové: %(created)s, změněné: %(updated)s, beze změny: %(unchanged)s, "
            "ukončené: %(ended)s, odmítnuté: %(rejected)s, mimo území: %(skipped)s. "
            "Poskytovatelé – noví: %(providers_created)s, změnění: %(providers_updated)s."
        ) % {**self.__dict__, "rejected": self.rejected}
        if self.ending_refused:
            refusal = _("Import by neproběhl: %(reason)s") if self.dry_run else _("Import neproběhl, nic nebylo uloženo: %(reason)s")
            return self._dry_run_prefix() + refusal % {"reason": self.ending_note()}
        if self.ending_held_back:
            text = f"{text} {self.ending_note()}"
        return self._dry_run_prefix() + text

    def _dry_run_prefix(self):
        return _("Zkušební běh, nic nebylo uloženo. ") if self.dry_run else ""

    def ending_note(self):
        """Why services were not ended, with the count to confirm; empty when nothing was held back."""
        count = len(self.ending)
        values = {
            "count": format_number(count), "active": format_number(self.active),
            "share": format_percent(100 * count / self.active if self.active else 0),
            "limit": format_number(self.ending_limit), "rejected": format_number(self.rejected),
        }
        if self.ending_refused:
            note = ngettext(
                "V souboru chybí %(count)s služba z registru a import by ji ukončil, ",
                "V souboru chybí %(count)s služeb z registru a import by je ukončil, ",
                count,
            ) % values + ngettext(
                "to je %(share)s z %(active)s aktivní služby z registru v katalogu území. ",
                "to je %(share)s z %(active)s aktivních služeb z registru v katalogu území. ",
                self.active,
            ) % values + ngettext(
                "Bez potvrzení smí import ukončit nejvýš %(limit)s službu (%(percent)s).",
                "Bez potvrzení smí import ukončit nejvýš %(limit)s služeb (%(percent)s).",
                self.ending_limit,
            ) % {**values, "percent": format_percent(ENDING_LIMIT_PERCENT)}
            if self.rejections:
                note += " " + ngettext(
                    "Navíc byl odmítnut %(rejected)s záznam.", "Navíc bylo odmítnuto %(rejected)s záznamů.", self.rejected,
                ) % values
        elif self.ending_held_back:
            note = ngettext(
                "Žádná služba nebyla ukončena, protože %(rejected)s záznam byl odmítnut",
                "Žádná služba nebyla ukončena, protože %(rejected)s záznamů bylo odmítnuto",
                self.rejected,
            ) % values + ngettext(
                " (může jít o službu, která v registru stále je); v souboru chybí %(count)s služba z registru.",
                " (může jít o službu, která v registru stále je); v souboru chybí %(count)s služeb z registru.",
                count,
            ) % values
        else:
            return ""
        if self.allow_ending:
            note += " " + ngettext(
                "Potvrzeno bylo ukončení nejvýš %(allowed)s služby, to nestačí.",
                "Potvrzeno bylo ukončení nejvýš %(allowed)s služeb, to nestačí.",
                self.allow_ending,
            ) % {"allowed": format_number(self.allow_ending)}
        return note

    def lines(self):
        """One line per rejected record: its portalId (or position) and the reason."""
        return [str(rejection) for rejection in self.rejections]

    def ending_lines(self):
        """One line per service the import ends or would end."""
        return [str(service) for service in self.ending]


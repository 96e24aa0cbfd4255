"""The outcome of an import: counts of created, updated, unchanged, ended and skipped services,
changed providers, and the rejected records with their reasons (Czech)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Rejection:
    reference: str
    reason: str

    def __str__(self):
        return f"{self.reference}: {self.reason}"


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

    @property
    def rejected(self):
        return len(self.rejections)

    def summary(self):
        text = _(
            "Služby z registru – nové: %(created)s, změněné: %(updated)s, beze změny: %(unchanged)s, "
            "ukončené: %(ended)s, odmítnuté: %(rejected)s, mimo území: %(skipped)s. "
            "Poskytovatelé – noví: %(providers_created)s, změnění: %(providers_updated)s."
        ) % {**self.__dict__, "rejected": self.rejected}
        return _("Zkušební běh, nic nebylo uloženo. ") + text if self.dry_run else text

    def lines(self):
        """One line per rejected record: its portalId (or position) and the reason."""
        return [str(rejection) for rejection in self.rejections]

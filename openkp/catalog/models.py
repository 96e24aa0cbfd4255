"""The catalogue: registered social services and related activities, their facilities and codebooks."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel, AreaQuerySet, Municipality, MunicipalityPart, Organisation


class CodebookEntry(models.Model):
    """An item of an MPSV code list. ``code`` is the registry reference (``DruhSocialniSluzby/13``);
    an unknown code met in an import is kept with an empty name and shown by its number."""

    code = models.CharField(_("kód MPSV"), max_length=60, unique=True, null=True, blank=True)
    name = models.CharField(_("název"), max_length=200, blank=True)
    name_en = models.CharField(_("název anglicky"), max_length=200, blank=True)

    unknown_label = _("položka č. %(number)s")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        if self.name:
            return self.name
        return str(self.unknown_label) % {"number": (self.code or "?").rpartition("/")[2]}

    @property
    def number(self):
        return (self.code or "").rpartition("/")[2]


class ServiceType(CodebookEntry):
    """Druh sociální služby: a section (§) of Act No. 108/2006 Coll."""

    section = models.CharField(_("paragraf"), max_length=5, blank=True, help_text=_("Např. 49 nebo 60a."))
    category = models.CharField(_("skupina služeb"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    unknown_label = _("druh služby č. %(number)s")

    class Meta:
        verbose_name = _("druh služby")
        verbose_name_plural = _("druhy služeb")
        ordering = ["order", "name"]

    def __str__(self):
        label = super().__str__()
        return f"§ {self.section} {label}" if self.section else label


class TargetGroup(CodebookEntry):
    is_verified = models.BooleanField(_("kód ověřen"), default=False)

    unknown_label = _("cílová skupina č. %(number)s")

    class Meta:
        verbose_name = _("cílová skupina")
        verbose_name_plural = _("cílové skupiny")
        ordering = ["name"]


class AgeGroup(CodebookEntry):
    unknown_label = _("věková skupina č. %(number)s")

    class Meta:
        verbose_name = _("věková skupina")
        verbose_name_plural = _("věkové skupiny")
        ordering = ["code"]


class CapacityType(CodebookEntry):
    unknown_label = _("typ kapacity %(number)s")

    class Meta:
        verbose_name = _("typ kapacity")
        verbose_name_plural = _("typy kapacity")
        ordering = ["code"]


class ActivityCategory(models.Model):
    """Category of related activities (not registered under the Act): debt counselling, clubs, …"""

    name = models.CharField(_("název"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kategorie související aktivity")
        verbose_name_plural = _("kategorie souvisejících aktivit")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Form(models.TextChoices):
    """Forms of social services (§ 33 of Act No. 108/2006 Coll.); values are the registry ids."""

    OUTPATIENT = "amb", _("ambulantní")
    RESIDENTIAL = "pob", _("pobytová")
    FIELD = "ter", _("terénní")


class ServiceQuerySet(AreaQuerySet):
    def services(self):
        return self.filter(kind=Service.Kind.SERVICE)

    def related_activities(self):
        return self.filter(kind=Service.Kind.RELATED_ACTIVITY)

    def public(self):
        """What citizens see: published and not ended."""
        return self.filter(is_published=True, status=Service.Status.ACTIVE)

    # The search's facet index notices changes by the newest updated_at (catalog/facet_index.py);
    # auto_now does not apply to update() and bulk_update(), so they set it here.
    def update(self, **kwargs):
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        if "updated_at" not in fields:
            now = timezone.now()
            for service in objs:
                service.updated_at = now
            fields = [*fields, "updated_at"]
        return super().bulk_update(objs, fields, batch_size=batch_size)


class Service(AreaOwnedModel):
    """A registered social service or a related activity in an area's catalogue.

    Related activities (not registered under the Act) share the table so that one search serves
    both; ``RelatedActivity`` is the proxy for them. A registry record is kept per area, so that a
    region's catalogue and a city's catalogue can both hold the same registered service.
    """

    class Kind(models.TextChoices):
        SERVICE = "service", _("registrovaná sociální služba")
        RELATED_ACTIVITY = "activity", _("související aktivita")

    class Status(models.TextChoices):
        ACTIVE = "active", _("poskytuje se")
        ENDED = "ended", _("ukončena")

    kind = models.CharField(_("druh záznamu"), max_length=10, choices=Kind.choices, default=Kind.SERVICE)
    registry_id = models.PositiveIntegerField(_("portalId v registru"), null=True, blank=True)
    registry_identifier = models.CharField(_("identifikátor služby"), max_length=20, blank=True)
    # The id of a record imported from another system's HSDS data: a second import updates it.
    hsds_id = models.UUIDField(_("identifikátor HSDS"), null=True, blank=True, editable=False)
    name = models.CharField(_("název"), max_length=300)
    name_is_derived = models.BooleanField(
        _("název odvozen z registru"), default=False,
        help_text=_("Registr název služby nemá; odvozený název může poskytovatel upravit."),
    )
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services", verbose_name=_("poskytovatel"))
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, null=True, blank=True, related_name="services", verbose_name=_("druh služby")
    )
    activity_category = models.ForeignKey(
        ActivityCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="activities",
        verbose_name=_("kategorie aktivity"),
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="services", verbose_name=_("cílové skupiny"))
    age_groups = models.ManyToManyField(AgeGroup, blank=True, related_name="services", verbose_name=_("věkové skupiny"))
    age_note = models.CharField(_("upřesnění věku"), max_length=300, blank=True)
    description = models.TextField(_("popis"), blank=True)
    conditions = models.TextField(_("podmínky poskytnutí"), blank=True)
    fees = models.TextField(_("úhrady"), blank=True)
    opening_hours = models.TextField(_("provozní doba"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=100, blank=True)
    web = models.URLField(_("web"), blank=True, max_length=300)
    served_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="served_by", verbose_name=_("obsluhované obce")
    )
    served_parts = models.ManyToManyField(
        MunicipalityPart, blank=True, related_name="served_by", verbose_name=_("obsluhované městské obvody a části")
    )
    valid_from = models.DateField(_("poskytuje se od"), null=True, blank=True)
    valid_to = models.DateField(_("poskytuje se do"), null=True, blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    is_published = models.BooleanField(_("zveřejněno"), default=True)
    # Normalised tokens (lower case, no diacritics, stemmed) for Czech-aware search; see search.py.
    search_name = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # Czech collation key of the name, so that lists sort Czech-alphabetically on any database.
    sort_name = models.CharField(max_length=400, editable=False, blank=True, db_index=True)
    # Facet values (" k:service t:13 g:24 f:ter m:554821 p:7 "), so one scan counts every facet.
    facet_keys = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_name", "search_text", "sort_name", "facet_keys", "updated_at"])

    class Meta:
        verbose_name = _("služba")
        verbose_name_plural = _("služby")
        ordering = ["sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "registry_id"], name="unique_registry_service_per_area"),
            models.UniqueConstraint(fields=["area", "hsds_id"], name="unique_hsds_service_per_area"),
        ]
        # The newest change of an area's catalogue in one index seek (selectors.search_stamp).
        indexes = [models.Index(fields=["area", "updated_at"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None and "updated_at" not in kwargs["update_fields"]:
            kwargs["update_fields"] = [*kwargs["update_fields"], "updated_at"]  # see ServiceQuerySet.update
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    @property
    def is_registered(self):
        return self.kind == self.Kind.SERVICE


class CatalogueDeletion(models.Model):
    """When services of an area were last deleted. Any other change of the catalogue moves a service's
    ``updated_at``; a deleted row leaves nothing behind, so deletions are noted here (see selectors.search_stamp)."""

    area = models.OneToOneField("core.Area", on_delete=models.CASCADE, primary_key=True, related_name="+")
    deleted_at = models.DateTimeField()

    def __str__(self):
        return f"{self.area_id}: {self.deleted_at:%Y-%m-%d %H:%M}"


class RelatedActivity(Service):
    """Související aktivita: the same record shape, without registration."""

    class Meta:
        proxy = True
        verbose_name = _("související aktivita")
        verbose_name_plural = _("související aktivity")


class ServiceForm(models.Model):
    """One form of a service with its registered capacities (never summed across forms)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="forms", verbose_name=_("služba"))
    form = models.CharField(_("forma"), max_length=3, choices=Form.choices)
    nonstop = models.BooleanField(_("nepřetržitě"), default=False)

    class Meta:
        verbose_name = _("forma služby")
        verbose_name_plural = _("formy služby")
        constraints = [models.UniqueConstraint(fields=["service", "form"], name="unique_form_per_service")]
        ordering = ["form"]

    def __str__(self):
        return self.get_form_display()


class Capacity(models.Model):
    """Registered maximum capacity of one form, in the unit of its capacity type."""

    service_form = models.ForeignKey(ServiceForm, on_delete=models.CASCADE, related_name="capacities")
    capacity_type = models.ForeignKey(CapacityType, on_delete=models.PROTECT, verbose_name=_("typ kapacity"))
    count = models.PositiveIntegerField(_("počet"))
    note = models.CharField(_("poznámka"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kapacita")
        verbose_name_plural = _("kapacity")

    def __str__(self):
        return f"{self.count} – {self.capacity_type}"


class Facility(models.Model):
    """A place where the service is provided (zařízení); a service may have many."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="facilities", verbose_name=_("služba"))
    name = models.CharField(_("název zařízení"), max_length=300, blank=True)
    street = models.CharField(_("ulice"), max_length=200, blank=True)
    house_number = models.CharField(_("číslo popisné"), max_length=20, blank=True)
    orientation_number = models.CharField(_("číslo orientační"), max_length=20, blank=True)
    postcode = models.CharField(_("PSČ"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="facilities", verbose_name=_("obec")
    )
    municipality_code = models.CharField(_("kód obce"), max_length=6, blank=True)
    part = models.ForeignKey(
        MunicipalityPart, on_delete=models.SET_NULL, null=True, blank=True, related_name="facilities",
        verbose_name=_("městský obvod / část obce"),
    )
    address_point = models.PositiveBigIntegerField(_("kód adresního místa RÚIAN"), null=True, blank=True, db_index=True)
    latitude = models.DecimalField(_("zeměpisná šířka"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("zeměpisná délka"), max_digits=9, decimal_places=6, null=True, blank=True)
    valid_from = models.DateField(_("od"), null=True, blank=True)
    valid_to = models.DateField(_("do"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zařízení")
        verbose_name_plural = _("zařízení")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name or self.address

    @property
    def address(self):
        """``Na Výsluní 999/9a, 999 01 Lipová Lhota`` (Czech address order)."""
        number = "/".join(part for part in (self.house_number, self.orientation_number) if part)
        street = " ".join(part for part in (self.street or (self.municipality.name if self.municipality else ""), number) if part)
        postcode = f"{self.postcode[:3]} {self.postcode[3:]}" if len(self.postcode) == 5 else self.postcode
        town = " ".join(part for part in (postcode, self.municipality.name if self.municipality else "") if part)
        return ", ".join(part for part in (street, town) if part)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


class LifeSituation(AreaOwnedModel):
    """Životní situace: how a citizen names the need ("pečuji o blízkého"), linked to what helps."""

    title = models.CharField(_("název"), max_length=200)
    slug = models.SlugField(_("adresa"), max_length=80)
    description = models.TextField(_("popis"), blank=True)
    service_types = models.ManyToManyField(ServiceType, blank=True, verbose_name=_("druhy služeb"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("cílové skupiny"))
    activity_categories = models.ManyToManyField(ActivityCategory, blank=True, verbose_name=_("kategorie aktivit"))
    type_order = models.CharField(
        _("pořadí druhů služeb"), max_length=200, blank=True,
        help_text=_("Paragrafy druhů služeb od nejvhodnějšího pro tuto situaci, oddělené čárkou, např. „40, 41, 39, 44“. "
                    "Služby těchto druhů budou ve výsledcích první, v tomto pořadí; ostatní vybrané druhy a aktivity za nimi."),
    )
    preferred_form = models.CharField(
        _("upřednostněná forma"), max_length=3, choices=Form.choices, blank=True,
        help_text=_("Služby v této formě se řadí před ostatní služby téhož druhu (např. terénní pro pomoc doma)."),
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    updated_at = models.DateTimeField(auto_now=True)  # cached search pages depend on it (catalog/views.py)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("životní situace")
        verbose_name_plural = _("životní situace")
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["area", "slug"], name="unique_life_situation_slug")]

    def __str__(self):
        return self.title

    def type_weights(self):
        """{section: weight} from ``type_order``: the first listed section weighs most, unlisted ones 0."""
        sections = [part.strip().lstrip("§").strip() for part in self.type_order.replace(";", ",").split(",")]
        sections = list(dict.fromkeys(section for section in sections if section))
        return {section: len(sections) - number for number, section in enumerate(sections)}


class SearchSynonym(AreaOwnedModel):
    """People's words for the search of an area's catalogue, added by its coordinator to the shipped list
    (data/synonyms.txt): the words people type and what the catalogue calls it. Applied at query time."""

    terms = models.CharField(
        _("slova, která lidé píší"), max_length=200,
        help_text=_("Jednotlivá slova oddělená čárkou, např. „bezdomovec, bezďák“. Ohnuté tvary se najdou samy."),
    )
    meaning = models.CharField(
        _("co hledat místo nich"), max_length=500,
        help_text=_("Výrazy z katalogu oddělené středníkem, např. „bez přístřeší; azylové domy; noclehárny“."),
    )
    updated_at = models.DateTimeField(auto_now=True)  # cached search pages depend on it (selectors.search_stamp)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("slovo pro vyhledávání")
        verbose_name_plural = _("slova pro vyhledávání")
        ordering = ["terms"]

    def __str__(self):
        return f"{self.terms} = {self.meaning}"


class Guide(AreaOwnedModel):
    """Informační průvodce: the printable guide of an area's catalogue for one target group."""

    target_group = models.ForeignKey(TargetGroup, on_delete=models.CASCADE, related_name="guides", verbose_name=_("cílová skupina"))
    title = models.CharField(_("název průvodce"), max_length=200)
    how_to_get_help = models.TextField(
        _("Jak získat pomoc"), blank=True,
        help_text=_("Krátký úvodní text průvodce: na koho se obrátit, jak službu sjednat, kde poradí zdarma."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informační průvodce")
        verbose_name_plural = _("informační průvodci")
        constraints = [models.UniqueConstraint(fields=["area", "target_group"], name="unique_guide_per_target_group")]

    def __str__(self):
        return self.title


class ServiceDraft(AreaOwnedModel):
    """A provider's proposed change of a service or a new related activity, waiting for the coordinator.

    The public keeps seeing the approved data until the coordinator approves the draft.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("čeká na schválení")
        APPROVED = "approved", _("schváleno")
        RETURNED = "returned", _("vráceno k úpravě")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts", verbose_name=_("služba"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="service_drafts", verbose_name=_("poskytovatel"))
    data = models.JSONField(_("navržené údaje"), default=dict)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("komentář koordinátora"), blank=True)
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("návrh změny služby")
        verbose_name_plural = _("návrhy změn služeb")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=models.Q(status="pending"), name="one_pending_draft_per_service"
            ),
        ]

    def __str__(self):
        return self.data.get("name") or (self.service.name if self.service else "")

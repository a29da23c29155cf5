"""HSDS 3.0's smaller tables: contacts, programmes, funding, cost options, required documents and
organisation identifiers. Our pages do not show them yet; they are kept so that what a publisher
sends comes back out of the API and the exports as it came (issue 13)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import ChangeSetHistory, HSDSRecord


class Contact(HSDSRecord):
    """A person or role to ask about a service, a place or an organisation."""

    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("service"),
    )
    service_at_location = models.ForeignKey(
        "resources.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("service at location"),
    )
    location = models.ForeignKey(
        "resources.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("location"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Their role, e.g. intake coordinator.")
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False)
                | models.Q(service__isnull=False)
                | models.Q(service_at_location__isnull=False)
                | models.Q(location__isnull=False),
                name="contact_belongs_to_something",
                violation_error_message=_(
                    "A contact belongs to a service, a location or an organisation."
                ),
            ),
        ]

    def __str__(self):
        return self.name or self.title or self.department or self.email or str(self.id)


class Program(HSDSRecord):
    """A programme: services an organisation runs together under one name."""

    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.CASCADE,
        related_name="programs",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), help_text=_("What the programme is for."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="program_has_name"),
            # HSDS requires a description: an export with a programme lacking one is invalid.
            models.CheckConstraint(
                condition=~models.Q(description=""), name="program_has_description"
            ),
        ]

    def __str__(self):
        return self.name


class Funding(HSDSRecord):
    """Where an organisation's or a service's money comes from."""

    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("service"),
    )
    source = models.TextField(_("source"), help_text=_("E.g. county grant, donations."))

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["source", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=""), name="funding_has_source"),
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(service__isnull=False),
                name="funding_belongs_to_something",
                violation_error_message=_("Funding belongs to a service or an organisation."),
            ),
        ]

    def __str__(self):
        return self.source


class CostOption(HSDSRecord):
    """One price of a service: what it costs, for whom, over which dates."""

    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        related_name="cost_options",
        verbose_name=_("service"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    option = models.TextField(
        _("option"), blank=True, help_text=_("Who or what this price is for, e.g. per session.")
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("Three-letter code (ISO 4217), e.g. USD."),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    amount_description = models.TextField(
        _("amount description"), blank=True, help_text=_("E.g. sliding scale from $10.")
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["valid_from", "option", "id"]
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="cost_option_valid_from_not_after_valid_to",
                violation_error_message=_("The first valid day cannot be after the last."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="cost_option_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(currency="") | models.Q(currency__regex=r"^[A-Z][A-Z][A-Z]$"),
                name="cost_option_currency_iso_4217",
                violation_error_message=_("A currency is three capital letters, e.g. USD."),
            ),
        ]

    def __str__(self):
        return self.option or self.amount_description or str(self.amount or "")


class RequiredDocument(HSDSRecord):
    """A document people must bring or show to use a service."""

    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        related_name="required_documents",
        verbose_name=_("service"),
    )
    document = models.TextField(_("document"), help_text=_("E.g. photo ID, proof of address."))
    uri = models.URLField(_("web address"), max_length=500, blank=True)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["document", "id"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(document=""), name="required_document_has_document"
            ),
        ]

    def __str__(self):
        return self.document


class OrganizationIdentifier(HSDSRecord):
    """An organisation's number in a register: a charity number, an EIN, a company number."""

    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.CASCADE,
        related_name="organization_identifiers",
        verbose_name=_("organisation"),
    )
    identifier_scheme = models.CharField(
        _("scheme"),
        max_length=100,
        blank=True,
        help_text=_("The register's code in org-id.guide, e.g. US-EIN."),
    )
    identifier_type = models.CharField(
        _("type"), max_length=200, help_text=_("In words, e.g. Employer Identification Number.")
    )
    identifier = models.CharField(_("identifier"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["identifier_type", "identifier", "id"]
        verbose_name = _("organisation identifier")
        verbose_name_plural = _("organisation identifiers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(identifier_type=""),
                name="organization_identifier_has_type",
            ),
            models.CheckConstraint(
                condition=~models.Q(identifier=""), name="organization_identifier_has_identifier"
            ),
        ]

    def __str__(self):
        return f"{self.identifier_type}: {self.identifier}"

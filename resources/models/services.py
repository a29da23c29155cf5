import re
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources import vocabulary
from resources.content_language import ShownText, shown_text
from resources.languages import kept_language_code, language_name, validate_language_code
from resources.models.base import (
    IN_SPANISH_HELP,
    ChangeSetHistory,
    HSDSRecord,
    PostgresOnlyGinIndex,
)
from resources.models.locations import Location
from resources.models.phones import Phone
from resources.models.taxonomy import TaxonomyTerm
from resources.places.geo import bounding_box, great_circle_km, great_circle_km_expression
from resources.search.facet_cache import forget_counts

# Ways to take part without a visit: what "available to you by phone or online" means.
REMOTE_DELIVERY = ["phone", "text-chat", "online"]


class ServiceHistory(HistoricalRecords):
    """A service's history, its taxonomy terms included: one row for each change.

    The admin, the curators' decisions and the loaders save a service's row and then set its
    terms. django-simple-history would write a second row for the terms; here, within one
    transaction, terms set after a save go into that save's row, so a row (and a version) is
    one change, as the curator made it. Terms changed on their own get a row of their own.
    """

    def create_historical_record_m2ms(self, history_instance, instance):
        instance._history_row = history_instance
        transaction.on_commit(lambda: instance.__dict__.pop("_history_row", None))
        if instance.__dict__.get("_terms_snapshot_deferred"):
            instance._terms_snapshot_due = True
            return
        # django-simple-history's own reads the service back from the row (a query for the
        # excluded search columns) and the links joined to their service and term: the ids do.
        self._snapshot_terms(history_instance, instance.pk)

    def defer_terms_snapshot(self, instance):
        """The next save of `instance` leaves its history row without terms until
        take_deferred_terms_snapshot(), which copies them once, after every change to them: for
        a caller that saves the row and then sets its terms (the admin), one query, not three.
        Both must run in one transaction."""
        instance._terms_snapshot_deferred = True

    def take_deferred_terms_snapshot(self, instance):
        instance.__dict__.pop("_terms_snapshot_deferred", None)
        if instance.__dict__.pop("_terms_snapshot_due", False):
            self._snapshot_terms(instance._history_row, instance.pk)

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # loaddata: the fixture holds this service's history rows, and setting its terms
            # next restores them, as they were; it is no change to record. Recording it wrote
            # rows the fixture did not have, under ids the fixture's own rows then collided with.
            instance._loaded_from_fixture = True
        return super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if instance.__dict__.get("_loaded_from_fixture"):
            return None
        row = instance.__dict__.get("_history_row")
        if (
            row is None
            or reverse
            or hasattr(instance, "skip_history_when_saving")
            or action not in ("post_add", "post_remove", "post_clear")
        ):
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if instance.__dict__.get("_terms_snapshot_due"):
            return None  # The snapshot, taken later, will hold the terms as they end up.
        # The row's snapshot follows the change: the links removed go, the links added come.
        snapshot = self.m2m_models[Service._meta.get_field("terms")].objects.filter(history=row)
        if action == "post_clear":
            snapshot.delete()
        elif action == "post_remove":
            snapshot.filter(taxonomyterm_id__in=pk_set).delete()
        elif pk_set:
            self._snapshot_terms(row, instance.pk, term_ids=pk_set)
        return None

    def _snapshot_terms(self, row, service_id, term_ids=None):
        """Copy the service's links (to `term_ids`, when given) into the row's snapshot in one
        INSERT ... SELECT, where the ORM would read them and write them back."""
        snapshot = self.m2m_models[Service._meta.get_field("terms")]
        links = Service.terms.through
        connection = connections[router.db_for_write(snapshot)]
        quote = connection.ops.quote_name
        into, source = quote(snapshot._meta.db_table), quote(links._meta.db_table)
        columns = "id, service_id, taxonomyterm_id"
        # Table names from the models; every value is a parameter.
        sql = f"INSERT INTO {into} ({columns}, history_id) SELECT {columns}, %s FROM {source}"  # noqa: S608
        sql += " WHERE service_id = %s"
        params = [
            row.pk,
            links._meta.get_field("service").get_db_prep_value(service_id, connection),
        ]
        if term_ids is not None:
            term_field = links._meta.get_field("taxonomyterm")
            sql += f" AND taxonomyterm_id IN ({', '.join(['%s'] * len(term_ids))})"
            params += [term_field.get_db_prep_value(pk, connection) for pk in term_ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def bulk_create_with_terms(self, services, **options):
        """`Service.history.bulk_history_create(services, **options)`, each row with the
        service's terms as they are now (bulk writes send no signals)."""
        rows = Service.history.bulk_history_create(services, **options)
        if not rows:
            return rows
        links = {}
        for link in Service.terms.through.objects.filter(service_id__in={row.id for row in rows}):
            links.setdefault(link.service_id, []).append(link)
        snapshot = self.m2m_models[Service._meta.get_field("terms")]
        snapshot.objects.bulk_create(
            [
                snapshot(
                    history=row,
                    id=link.id,
                    service_id=link.service_id,
                    taxonomyterm_id=link.taxonomyterm_id,
                )
                for row in rows
                for link in links.get(row.id, ())
            ],
            batch_size=1000,
        )
        return rows


def verification_cutoff(today=None):
    """Entries last verified before this day are overdue for a check with the provider."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.VERIFICATION_OVERDUE_DAYS)


def verification_age_limits(today=None):
    """(recent_from, overdue_from): verified on or after the first day is recent, before the
    second overdue, in between neither. Recent is within half the overdue limit."""
    today = today or timezone.localdate()
    recent_from = today - timedelta(days=settings.VERIFICATION_OVERDUE_DAYS // 2)
    return recent_from, verification_cutoff(today)


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Service.Status.PUBLISHED)

    def exported(self):
        """What the HSDS export holds: the published services, and those HSDS says are closed
        (temporarily or for good), so that a feed's readers learn of the closure."""
        return self.filter(
            status__in=[
                Service.Status.PUBLISHED,
                Service.Status.TEMPORARILY_CLOSED,
                Service.Status.DEFUNCT,
            ]
        )

    def drafts(self):
        return self.filter(status=Service.Status.DRAFT)

    def verification_overdue(self, today=None):
        """Never verified, or not verified within VERIFICATION_OVERDUE_DAYS."""
        return self.filter(
            models.Q(assured_date__isnull=True)
            | models.Q(assured_date__lt=verification_cutoff(today))
        )

    def with_any_term(self, terms):
        """Services having any of `terms` (term objects, ids or a queryset of terms).

        A subquery rather than a join: no duplicate rows, so no DISTINCT, and it composes with
        the ranked, annotated querysets of search.
        """
        return self.filter(
            pk__in=Service.terms.through.objects.filter(taxonomyterm__in=terms).values("service_id")
        )

    def with_terms_of(self, taxonomy_name, codes):
        """Services having any of the terms `codes` of one taxonomy."""
        return self.with_any_term(
            TaxonomyTerm.objects.filter(taxonomy__name=taxonomy_name, code__in=codes)
        )

    def crisis_support(self):
        """Crisis lines and crisis services."""
        return self.with_terms_of(vocabulary.RESOURCE, vocabulary.CRISIS_RESOURCES)

    def crisis_support_first(self):
        """The same services in the same order, but crisis lines and crisis services first."""
        crisis_terms = TaxonomyTerm.objects.filter(
            taxonomy__name=vocabulary.RESOURCE, code__in=vocabulary.CRISIS_RESOURCES
        )
        is_crisis_support = models.Exists(
            Service.terms.through.objects.filter(
                service_id=models.OuterRef("pk"), taxonomyterm__in=crisis_terms
            )
        )
        ordering = self.query.order_by or self.model._meta.ordering
        return self.alias(is_crisis_support=is_crisis_support).order_by(
            models.F("is_crisis_support").desc(), *ordering
        )

    def verification_queue(self, today=None):
        """Services curators should check with the provider: never verified first, then oldest.

        Inactive services are left out: nobody is sent to them.
        """
        return (
            self.exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
            .verification_overdue(today)
            .order_by(models.F("assured_date").asc(nulls_first=True), "name")
        )

    def publish(self, user=None):
        return self._update_with_history(user, _("Published"), status=Service.Status.PUBLISHED)

    def unpublish(self, user=None):
        return self._update_with_history(user, _("Unpublished"), status=Service.Status.DRAFT)

    def mark_verified(self, user, today=None):
        return self._update_with_history(
            user, _("Marked verified"), assured_date=today or timezone.localdate(), assured_by=user
        )

    def _update_with_history(self, user, reason, **changes):
        """A bulk update() that still bumps each version and writes each history row.

        update() sends no signals, so django-simple-history would miss these changes.
        """
        with transaction.atomic():
            pks = list(self.values_list("pk", flat=True))
            changed = Service.objects.filter(pk__in=pks).update(
                **changes, version=models.F("version") + 1, modified=timezone.now()
            )
            SERVICE_HISTORY.bulk_create_with_terms(
                list(Service.objects.filter(pk__in=pks)),
                update=True,
                default_user=user,
                default_change_reason=str(reason),
            )
        # update() sends no signals either: the cached facet counts are told here.
        forget_counts()
        return changed

    def open_at(self, moment):
        """Services open (or meeting) at the aware datetime `moment`, filtered in SQL."""
        from resources.schedules.open_now import open_at

        return self.filter(open_at(moment))

    def open_this_week(self, moment):
        """Services open (or meeting) at some time in the seven days from the aware datetime
        `moment`, filtered in SQL."""
        from resources.schedules.open_now import open_between

        return self.filter(open_between(moment, moment + timedelta(days=7)))

    def near(self, point, radius_km):
        """Services with a place to visit within `radius_km` of `point`, annotated with the
        distance to their nearest one (`distance_km`) and its id (`nearest_location_id`)."""
        min_lat, max_lat, min_lon, max_lon = bounding_box(
            point.latitude, point.longitude, radius_km
        )
        in_the_box = Location.objects.filter(
            location_type=Location.Type.PHYSICAL,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
        )
        # The services with a place in the box, found once (an uncorrelated subquery): the
        # distance below is then worked out for those alone, not for every service.
        with_a_place_in_the_box = ServiceAtLocation.objects.filter(location__in=in_the_box).values(
            "service_id"
        )
        nearest = (
            in_the_box.filter(service_at_locations__service=models.OuterRef("pk"))
            .annotate(
                distance=great_circle_km_expression(
                    point.latitude, point.longitude, "latitude", "longitude"
                )
            )
            .order_by("distance")
        )
        return (
            self.filter(pk__in=with_a_place_in_the_box)
            .annotate(
                distance_km=models.Subquery(
                    nearest.values("distance")[:1], output_field=models.FloatField()
                ),
                nearest_location_id=models.Subquery(nearest.values("pk")[:1]),
            )
            .filter(distance_km__lte=radius_km)
        )

    def reaching(self, point):
        """Services people take part in without a visit (phone, text, online) whose service
        area covers `point`; a service with no area at all reaches everyone."""
        names = point.area_names
        area_matches = models.Q()
        for name in names:
            area_matches |= models.Q(name__iexact=name)
        covered = ServiceArea.objects.filter(area_matches) if names else ServiceArea.objects.none()
        remote = self.with_terms_of(vocabulary.DELIVERY, REMOTE_DELIVERY)
        return remote.filter(
            models.Q(pk__in=covered.values("service_id"))
            | ~models.Q(pk__in=ServiceArea.objects.values("service_id"))
        )

    def recently_verified(self):
        return self.filter(assured_date__isnull=False).order_by("-assured_date", "name")

    def similar_to(self, service, limit=4):
        """Published services sharing a kind of support and a topic with `service`, the ones
        nearest to it first, then those sharing the most terms.

        What it reads of `service` it reads in SQL, so that the caller can read the details of
        `service` and of the similar ones together (prefetch_for_detail_page)."""
        links = Service.terms.through.objects.filter(service_id=service.pk)
        kinds = links.filter(taxonomyterm__taxonomy__name=vocabulary.SUPPORT)
        topics = links.filter(taxonomyterm__taxonomy__name=vocabulary.TOPIC)
        shared = links.filter(
            taxonomyterm__taxonomy__name__in=[vocabulary.SUPPORT, vocabulary.TOPIC]
        ).values("taxonomyterm_id")
        # Sharing a topic too, when the service has one; else its kinds stand in, which every
        # candidate shares (one plain IN where an OR with NOT EXISTS was planned four times
        # slower).
        topics_or_kinds = links.filter(
            models.Q(taxonomyterm__taxonomy__name=vocabulary.TOPIC)
            | models.Q(taxonomyterm__taxonomy__name=vocabulary.SUPPORT) & ~models.Exists(topics)
        )
        shared_terms = models.Count("terms", filter=models.Q(terms__in=shared))
        # The first twenty picked by id alone: grouping whole rows sorted them on disk.
        first = (
            self.exclude(pk=service.pk)
            .with_any_term(kinds.values("taxonomyterm_id"))
            .with_any_term(topics_or_kinds.values("taxonomyterm_id"))
            .values("pk")
            .annotate(shared_terms=shared_terms)
            .order_by("-shared_terms", "name")
            .values_list("pk", flat=True)[:20]
        )
        candidates = list(
            self.filter(pk__in=first)
            .annotate(shared_terms=shared_terms)
            .order_by("-shared_terms", "name")
            .select_related("organization")
        )
        if not candidates:
            return []
        # Terms for the cards, places for the distances: for `service` and them at once.
        models.prefetch_related_objects([service, *candidates], _terms(), _places())
        origin = next((loc for loc in service.locations if loc.has_coordinates), None)

        def distance(candidate):
            if origin is None:
                return 0
            places = [loc for loc in candidate.locations if loc.has_coordinates]
            if not places:
                return float("inf")
            return min(
                great_circle_km(origin.latitude, origin.longitude, p.latitude, p.longitude)
                for p in places
            )

        candidates.sort(key=lambda candidate: (distance(candidate), -candidate.shared_terms))
        return candidates[:limit]

    def for_cards(self):
        """What a result card shows: organisation, facet badges, main phone, places, and the
        schedules its opening status comes from (resources.schedules.opening)."""
        return self.select_related("organization").prefetch_related(*_card_prefetches())

    def for_detail_page(self):
        return self.select_related("organization").prefetch_related(
            models.Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            "phones",
            "schedules",
            "languages",
            "service_areas",
            models.Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
            "service_at_locations__location__phones",
            "service_at_locations__location__schedules",
            "service_at_locations__location__addresses",
        )


def _terms():
    return models.Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy"))


def _places():
    return models.Prefetch(
        "service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")
    )


def _card_prefetches():
    return [_terms(), "phones", "schedules", _places(), "service_at_locations__location__schedules"]


def prefetch_for_detail_page(service, similar=()):
    """What the detail page shows of `service` (as `for_detail_page()` reads it) and the cards
    of the `similar` services, read together."""
    prefetch_for_cards([service, *similar])
    models.prefetch_related_objects(
        [service],
        "languages",
        "service_areas",
        "service_at_locations__location__phones",
        "service_at_locations__location__addresses",
    )
    return service


def prefetch_for_cards(services):
    """What `for_cards()` reads, for several lists of services (read with their organisation)
    at once: one query a kind of record for the lot, not for each list."""
    models.prefetch_related_objects(services, *_card_prefetches())
    return services


# The search columns are derived from the rest of the row: history leaves them out.
SERVICE_HISTORY = ServiceHistory(
    excluded_fields=["search_text", "search_vector", "search_vector_es"],
    m2m_fields=["terms"],
    bases=[ChangeSetHistory],
)


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    INACTIVE = "inactive", _("Inactive")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    DEFUNCT = "defunct", _("Defunct (closed for good)")


class Service(HSDSRecord):
    # Outside the class, where its Meta's constraints can read it too.
    Status = ServiceStatus

    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    program = models.ForeignKey(
        "resources.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("programme"),
        help_text=_("The organisation's programme this service is part of, if any."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_es = models.CharField(
        _("name in Spanish"), max_length=200, blank=True, help_text=IN_SPANISH_HELP
    )
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    slug = models.SlugField(
        _("web address name"),
        max_length=200,
        unique=True,
        help_text=_(
            "Part of the page's address, e.g. /services/grief-support-group/. Lowercase, hyphens."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Only published services are shown to the public. Temporarily closed and defunct "
            "are HSDS's statuses: not shown, but exported as such."
        ),
    )
    description = models.TextField(
        _("description"), help_text=_("What the service offers, in plain words.")
    )
    eligibility_description = models.TextField(
        _("who it is for"), blank=True, help_text=_("Who can use it, and any conditions.")
    )
    application_process = models.TextField(
        _("how to get it"),
        blank=True,
        help_text=_("What to do first: call, drop in, fill in a form, get a referral…"),
    )
    fees_description = models.TextField(
        _("cost"), blank=True, help_text=_("What it costs, and whether insurance is accepted.")
    )
    description_es = models.TextField(
        _("description in Spanish"), blank=True, help_text=IN_SPANISH_HELP
    )
    eligibility_description_es = models.TextField(
        _("who it is for, in Spanish"), blank=True, help_text=IN_SPANISH_HELP
    )
    application_process_es = models.TextField(
        _("how to get it, in Spanish"), blank=True, help_text=IN_SPANISH_HELP
    )
    fees_description_es = models.TextField(
        _("cost, in Spanish"), blank=True, help_text=IN_SPANISH_HELP
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    # HSDS fields kept as the source gives them; the public page does not show them yet.
    fees = models.TextField(_("fees (HSDS, deprecated)"), blank=True)
    interpretation_services = models.TextField(
        _("interpretation services"), blank=True, help_text=_("E.g. interpreters on request.")
    )
    wait_time = models.TextField(_("wait time"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    licenses = models.TextField(_("licences"), blank=True)
    assurer_email = models.EmailField(
        _("verifier's email"), blank=True, help_text=_("Who verified it, as the source says.")
    )
    alert = models.TextField(
        _("alert"),
        blank=True,
        help_text=_("Temporary notice shown at the top of the page, e.g. closed for holidays."),
    )
    alert_es = models.TextField(_("alert in Spanish"), blank=True, help_text=IN_SPANISH_HELP)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("The day a curator last checked this entry with the provider."),
    )
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    terms = models.ManyToManyField(
        "resources.TaxonomyTerm",
        blank=True,
        related_name="services",
        verbose_name=_("taxonomy terms"),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Made-up entry that ships with the project; labelled as sample publicly."),
    )
    # Kept up to date by resources.search.index; never edited by hand.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(editable=False, null=True)
    # The Spanish document, stemmed as Spanish (PostgreSQL; SQLite keeps an FTS5 table).
    search_vector_es = SearchVectorField(editable=False, null=True)

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Counts the saves; a save that started from an older version is refused."),
    )

    objects = ServiceQuerySet.as_manager()
    history = SERVICE_HISTORY

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        permissions = [
            ("publish_service", _("Can publish and unpublish services")),
            ("verify_service", _("Can mark services as verified")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ServiceStatus.values),
                name="service_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="service_has_slug"),
            models.CheckConstraint(condition=~models.Q(name=""), name="service_has_name"),
            # Ages are PositiveSmallIntegerFields: the database already refuses negatives.
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_minimum_age_not_above_maximum",
                violation_error_message=_("The minimum age cannot be above the maximum age."),
            ),
        ]
        indexes = [
            # The admin home counts services by status and verification age (the overdue ones,
            # the verification chart): counted from this index alone, not from every row.
            models.Index(fields=["status", "assured_date"], name="service_status_assured_idx"),
            PostgresOnlyGinIndex(
                fields=["search_vector"], name="resources_service_search_vector_gin"
            ),
            PostgresOnlyGinIndex(fields=["search_vector_es"], name="service_search_vector_es_gin"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Counted up in the database from the stored row, not from this copy, so versions only
        # ever go up; the UPDATE returns the new number (RETURNING) into this copy.
        if not self._state.adding:
            self.version = models.F("version") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:service_detail", kwargs={"slug": self.slug})

    def is_verification_overdue(self, today=None):
        return self.assured_date is None or self.assured_date < verification_cutoff(today)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def terms_of(self, taxonomy_name):
        """Terms of one facet, from the prefetched terms when there are some."""
        return [term for term in self.terms.all() if term.taxonomy.name == taxonomy_name]

    @property
    def kinds_of_support(self):
        return self.terms_of(vocabulary.SUPPORT)

    @property
    def resource_kinds(self):
        return self.terms_of(vocabulary.RESOURCE)

    @property
    def topics(self):
        return self.terms_of(vocabulary.TOPIC)

    @property
    def audiences(self):
        return self.terms_of(vocabulary.AUDIENCE)

    @property
    def delivery(self):
        return self.terms_of(vocabulary.DELIVERY)

    @property
    def costs(self):
        return self.terms_of(vocabulary.COST)

    @property
    def fees_note(self):
        """The curator's words on fees in the page's language (a ShownText, see
        resources.content_language), unless they only repeat the cost terms ("Free." under the
        term Free): the page then says it once."""
        note = shown_text(self, "fees_description")
        labels = {_plain_words(term.label) for term in self.costs}
        return ShownText("") if _plain_words(note.text) in labels else note

    @property
    def locations(self):
        return [link.location for link in self.service_at_locations.all()]

    @property
    def first_place(self):
        """The location to show on a card: the nearest one after a "near" search, else the
        first people can visit; None for phone and online services."""
        places = [loc for loc in self.locations if loc.is_physical and loc.address_lines]
        nearest_id = getattr(self, "nearest_location_id", None)
        return next((loc for loc in places if loc.pk == nearest_id), places[0] if places else None)

    @property
    def primary_phone(self):
        phones = list(self.phones.all())
        return phones[0] if phones else None

    @property
    def first_call_and_text_phones(self):
        """The first number to call and the first to text, in that order: the buttons at the
        top of the service's page, within a phone's first screen."""
        phones = list(self.phones.all())
        firsts = (
            next((phone for phone in phones if phone.type in kinds), None)
            for kinds in (Phone.CALLABLE, (Phone.Type.SMS,))
        )
        return [phone for phone in firsts if phone]

    @property
    def ages_in_words(self):
        low, high = self.minimum_age, self.maximum_age
        if low is not None and high is not None:
            return _("Ages %(low)s to %(high)s") % {"low": low, "high": high}
        if low is not None:
            return _("Ages %(low)s and over") % {"low": low}
        if high is not None:
            return _("Up to age %(high)s") % {"high": high}
        return ""


def _plain_words(text):
    return " ".join(re.findall(r"\w+", str(text).casefold()))


class ServiceAtLocation(HSDSRecord):
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        "resources.Location",
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("location"),
    )
    description = models.TextField(
        _("notes"), blank=True, help_text=_("Anything particular to this service at this place.")
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["location__name"]
        # HSDS's service_at_location: a service offered at one of its locations.
        verbose_name = _("where a service is offered (HSDS service at location)")
        verbose_name_plural = _("where services are offered (HSDS services at locations)")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            ),
        ]

    def __str__(self):
        return f"{self.service} @ {self.location}"


class ServiceArea(HSDSRecord):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_areas", verbose_name=_("service")
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Who it reaches: a state (Wisconsin or WI), a county, or United States."),
    )
    description = models.TextField(_("description"), blank=True)
    extent = models.TextField(
        _("extent"), blank=True, help_text=_("The area's outline, as its extent type says.")
    )
    extent_type = models.CharField(
        _("extent type"),
        max_length=50,
        blank=True,
        help_text=_("The extent's format: geojson, topojson, kml or text."),
    )
    uri = models.CharField(
        _("identifier (URI)"),
        max_length=500,
        blank=True,
        help_text=_("A persistent address naming the area."),
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="service_area_has_name"),
        ]

    def __str__(self):
        return self.name


class Language(HSDSRecord):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="languages", verbose_name=_("service")
    )
    code = models.CharField(
        _("language"),
        max_length=3,
        validators=[validate_language_code],
        help_text=_(
            "A language the service is given in: its ISO 639-1 code (es), or its ISO 639-3 "
            "code where it has no two-letter one (hmn for Hmong, ase for American Sign Language)."
        ),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. interpreter on request.")
    )
    # HSDS lets a language belong to a location or a phone too: kept as links of the service's
    # language (where the service gives it), not shown on the pages yet.
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="languages",
        verbose_name=_("location"),
        help_text=_("The place where this language is spoken, if only one."),
    )
    phone = models.ForeignKey(
        Phone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="languages",
        verbose_name=_("phone"),
        help_text=_("The phone line on which this language is spoken, if only one."),
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="language_unique_per_service"),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z]{2,3}$"), name="language_code_iso_639"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # spa, SPA or ger are kept as es and de: one code for one language.
        self.code = kept_language_code(self.code) or self.code

    @property
    def name(self):
        return language_name(self.code)

from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resources.models.base import HSDSRecord, PostgresOnlyGinIndex


class SearchSynonym(HSDSRecord):
    """A word or phrase visitors use, and the words our entries use for the same thing."""

    word = models.CharField(
        _("visitors type"),
        max_length=100,
        unique=True,
        help_text=_(
            "One word or a short phrase, lower case, with single spaces, e.g. sad or lost my "
            "husband. A phrase is searched for what it means instead of word by word."
        ),
    )
    means = models.CharField(
        _("also search for"),
        max_length=200,
        help_text=_("What entries call it; several with commas, e.g. depression, low mood."),
    )

    class Meta:
        ordering = ["word"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(word__regex=r"^[^\sA-Z]+( [^\sA-Z]+)*$"),
                name="search_synonym_word_is_lower_case_words",
                violation_error_message=_(
                    "Give one word or a phrase in lower case, with single spaces."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(means=""), name="search_synonym_has_meaning"
            ),
        ]

    def __str__(self):
        return f"{self.word} → {self.means}"

    @property
    def alternatives(self):
        return [part.strip().lower() for part in self.means.split(",") if part.strip()]


class PendingSearchRefresh(models.Model):
    """A service whose search document waits to be rebuilt.

    A change that reaches more services than a request can rebuild (a term, an organisation or
    a place renamed) queues them here, in its own transaction; `manage.py rebuild_search_index
    --pending` rebuilds them in batches (resources.search.index.refresh_pending). A service may
    be queued more than once and a deleted one stays queued until then: the rows only add up,
    with no foreign key or unique index to check, so that queueing thirty thousand takes one
    cheap INSERT ... SELECT.
    """

    service_id = models.UUIDField(_("service"))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        verbose_name = _("pending search refresh")
        verbose_name_plural = _("pending search refreshes")

    def __str__(self):
        return str(self.service_id)


class SearchWord(models.Model):
    """A word of the published services' search documents, for spelling help.

    Spelling help looks for the known word nearest to one a visitor typed; reading every
    document for it on each search took seconds at the size of a real directory. The search
    index keeps this table: `rebuild_search_index` writes it anew, and each refresh adds the new
    words of the services it rebuilds (a word no longer used stays until the next rebuild).
    PostgreSQL finds near words through a trigram index.
    """

    word = models.CharField(_("word"), max_length=100, unique=True)
    service_count = models.PositiveIntegerField(
        _("services"), default=0, help_text=_("How many published services used it, when counted.")
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            # Spelling help's `%` look-up (pg_trgm); SQLite reads the words by length instead.
            PostgresOnlyGinIndex(
                OpClass("word", name="gin_trgm_ops"), name="resources_searchword_word_trgm"
            ),
        ]

    def __str__(self):
        return self.word

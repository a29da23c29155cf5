from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models.base import HSDSRecord


class SearchSynonym(HSDSRecord):
    """A word visitors use, and the words our entries use for the same thing."""

    word = models.CharField(
        _("visitors type"),
        max_length=100,
        unique=True,
        help_text=_("One word, lower case, e.g. sad."),
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
                condition=models.Q(word__regex=r"^[^\s A-Z]+$"),
                name="search_synonym_word_is_one_lower_case_word",
                violation_error_message=_("Give one word in lower case."),
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

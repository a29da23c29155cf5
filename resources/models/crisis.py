from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from resources.models.base import HSDSRecord
from resources.search.crisis import fold


class CrisisPhrase(HSDSRecord):
    """Words that say someone may be in danger: a search with them shows the crisis line first."""

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        help_text=_(
            "As people type it, in any language, e.g. want to die or quiero morir. Case, "
            "accents, punctuation and a slip of the finger in longer words do not matter. Keep "
            "it specific: a search containing these words shows the crisis panel."
        ),
    )

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("crisis phrase")
        verbose_name_plural = _("crisis phrases")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phrase=""), name="crisis_phrase_is_not_empty"
            ),
            models.UniqueConstraint(
                Lower("phrase"),
                name="crisis_phrase_unique",
                violation_error_message=_("This phrase is already on the list."),
            ),
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        self.phrase = " ".join(self.phrase.split())
        if self.phrase and not fold(self.phrase):
            raise ValidationError({"phrase": _("Give at least one word.")})

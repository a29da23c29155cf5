from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _


class FailedSignIn(AccessAttempt):
    """Wrong passwords counted by django-axes, one row for each account, address and browser,
    shown to curators in their words; deleting rows unlocks (resources/admin/sign_in.py)."""

    class Meta:
        proxy = True
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

"""Curators' sign-in: the pause after repeated wrong passwords, and the second factor.

django-axes counts failed sign-ins (per account and per address) and django-otp keeps each
curator's authenticator app (a TOTP device) and recovery codes (a static device). This module
holds the rules around them; resources/admin/two_factor.py has the pages.
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class PausedSignInBackend(AxesStandaloneBackend):
    """Refuses a sign-in while it is paused, before any later backend hashes the password.

    authenticate() without a request comes from code (a shell, a command, the test client's
    login()), never from a client on the network, so there is nothing to count or refuse.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def paused_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form while signing in is paused."""
    return render(
        request,
        "admin/sign_in_paused.html",
        {
            **admin.site.each_context(request),
            "title": _("Signing in is paused"),
            "minutes": settings.SIGN_IN_PAUSE_MINUTES,
        },
        status=429,
    )


def two_factor_required(user):
    return bool(settings.REQUIRE_TWO_FACTOR and user.is_authenticated and user.is_staff)


def has_app(user):
    """Whether the user has set up an authenticator app. Recovery codes alone do not count: a
    curator whose app an administrator removed sets up a new one (and gets new codes)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def unconfirmed_app(user):
    """The authenticator app being set up: the same secret until it is confirmed, so reloading
    the page does not invalidate a code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def confirm_app(device):
    """Confirm a newly set-up app and give its owner a fresh set of recovery codes."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replace the user's recovery codes; the new ones are returned to be shown this once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def secret_text(device):
    """The app's secret as typed into an authenticator app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The app's setup address as a QR code: an SVG made here, put in the page as a data: image,
    so nothing is fetched from another host and the CSP needs no exception."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = BytesIO()
    image.save(svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode()

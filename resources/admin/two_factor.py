"""Two-factor sign-in pages: set up an authenticator app, give a code, see recovery codes.

After the password, staff come here (supportdir.middleware.TwoFactorMiddleware sends them): on
first sign-in to set up the app, later to give its code or a recovery code.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from resources.curation import sign_in

RECOVERY_CODES_SESSION_KEY = "two_factor_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


@never_cache
@require_http_methods(["GET", "POST"])
@staff_member_required
def sign_in_step(request):
    """Give the second factor; on first sign-in, set up the authenticator app first."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if sign_in.has_app(request.user):
        return _give_code(request, next_url)
    return _set_up_app(request, next_url)


def _give_code(request, next_url):
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error(
            "code",
            _(
                "That code did not work. Type the code your app shows now (it changes every 30 "
                "seconds), or one of your recovery codes."
            ),
        )
    return render(
        request,
        "admin/two_factor/give_code.html",
        _context(request, _("Two-factor sign-in"), form=form, next_url=next_url),
    )


def _set_up_app(request, next_url):
    device = sign_in.unconfirmed_app(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            request.session[RECOVERY_CODES_SESSION_KEY] = sign_in.confirm_app(device)
            otp_login(request, device)
            return redirect(_with_next(reverse("two_factor_recovery_codes"), next_url))
        form.add_error(
            "code",
            _(
                "That code did not work. Check that the app shows this account, and type the "
                "code it shows now (it changes every 30 seconds)."
            ),
        )
    return render(
        request,
        "admin/two_factor/set_up.html",
        _context(
            request,
            _("Set up two-factor sign-in"),
            form=form,
            next_url=next_url,
            qr_code=sign_in.qr_code_data_uri(device),
            secret=sign_in.secret_text(device),
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_member_required
def recovery_codes(request):
    """Recovery codes, shown once: after setting up the app, or when new ones are made here."""
    next_url = _next_url(request)
    if not request.user.is_verified():
        return redirect(_with_next(reverse("two_factor"), next_url))
    if request.method == "POST":
        request.session[RECOVERY_CODES_SESSION_KEY] = sign_in.new_recovery_codes(request.user)
        return redirect(_with_next(request.path, next_url))
    return render(
        request,
        "admin/two_factor/recovery_codes.html",
        _context(
            request,
            _("Recovery codes"),
            codes=request.session.pop(RECOVERY_CODES_SESSION_KEY, None),
            next_url=next_url,
        ),
    )


def _context(request, title, **extra):
    # Until the second factor is given, the admin's menu of records is not shown.
    return {
        **admin.site.each_context(request),
        "available_apps": [],
        "is_nav_sidebar_enabled": False,
        "title": title,
        **extra,
    }


def _next_url(request):
    next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("admin:index")


def _with_next(url, next_url):
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"

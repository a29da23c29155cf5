"""Request clean-up that every page and the API rely on, before any view reads the request."""

import tempfile
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.handlers.wsgi import LimitedStream
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

NUL_ENCODINGS = ("%00", "\x00")


class DropNulFromQueryMiddleware:
    """Query parameters lose their NUL characters.

    No real search, place or filter holds one, and PostgreSQL refuses them in text (a DataError,
    so a 500, wherever a parameter reaches a query). Dropping them here covers every parameter of
    every page and of the API, present and future. Form posts need nothing: Django's text fields
    refuse NUL with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if any(encoding in query_string for encoding in NUL_ENCODINGS):
            for encoding in NUL_ENCODINGS:
                query_string = query_string.replace(encoding, "")
            request.META["QUERY_STRING"] = query_string
            # request.GET is parsed once, on first use: make sure that use sees the clean string.
            request.__dict__.pop("GET", None)
        return self.get_response(request)


class LanguageFromUrlMiddleware(LocaleMiddleware):
    """The language of a page is the one its address names, and nothing else (issue 17).

    `/es/...` is Spanish while Spanish is offered (settings.LANGUAGES); every other address is
    English, the source language, whatever the browser's Accept-Language or a cookie say:
    Django's LocaleMiddleware would read both (and throw them away for an unprefixed address,
    with prefix_default_language=False). So the same address is always the same page, a page
    is never labelled with a language it is not written in, and browsing needs no cookie.
    Django's own response half is kept: Content-Language, and Vary: Accept-Language on the
    unprefixed pages, whose suggestion of another language follows that header
    (resources/public/language_links.py).
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


# Only what a page of ours uses (use-my-location.js) is allowed; every powerful feature else,
# and the advertising ones that profile a visitor's interests, is off. Only features Chromium
# knows: it warns in the console of every page about any other.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" if allowed is None else f"{feature}=({allowed})"
    for feature, allowed in {
        "geolocation": "self",
        "accelerometer": None,
        "autoplay": None,
        "browsing-topics": None,
        "camera": None,
        "display-capture": None,
        "encrypted-media": None,
        "fullscreen": None,
        "gyroscope": None,
        "hid": None,
        "idle-detection": None,
        "interest-cohort": None,
        "local-fonts": None,
        "magnetometer": None,
        "microphone": None,
        "midi": None,
        "otp-credentials": None,
        "payment": None,
        "picture-in-picture": None,
        "publickey-credentials-get": None,
        "screen-wake-lock": None,
        "serial": None,
        "usb": None,
        "window-management": None,
        "xr-spatial-tracking": None,
    }.items()
)

# Parameters that say what a visitor looks for or where they are: the site's search and browse
# pages (q, near) and the API (search, postcode, proximity).
SEARCH_PARAMETERS = frozenset({"q", "near", "search", "postcode", "proximity"})


class PrivacyHeadersMiddleware:
    """Every response limits what the browser may do; search results are never stored.

    A browser, or a proxy on a shared computer, that kept a page of results would keep what was
    searched for: `no-store` forbids it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _shows_search_results(request):
            response["Cache-Control"] = "no-store"
        return response


def _shows_search_results(request):
    match = request.resolver_match
    if match is not None and match.view_name == "resources:search":
        return True
    return any(request.GET.get(name, "").strip() for name in SEARCH_PARAMETERS)


class RequestBodyLimitMiddleware:
    """A request body larger than its limit is refused with a calm 413 page before it is read.

    The limit is REQUEST_MAX_BYTES, and HSDS_UPLOAD_MAX_BYTES for the curators' HSDS upload
    (settings.py). A body that states its length is judged by it, unread. A chunked body states
    none: Django would read nothing of it, so where the server hands it over whole
    (`wsgi.input_terminated`, as gunicorn does) it is read here up to the limit and one byte
    more, kept in a temporary file past FILE_UPLOAD_MAX_MEMORY_SIZE, then refused, or passed on
    as if its length had been stated.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request)
        length = stated_length(request)
        if length is None and _is_chunked(request):
            length = _read_chunked_body(request, limit)
        if length is not None and length > limit:
            return render(
                request,
                "resources/form_refused.html",
                {
                    "refusal": _(
                        "What you sent is larger than this site takes at once (%(limit)s), so "
                        "nothing of it was kept. Please go back, shorten it, and send it again."
                    )
                    % {"limit": filesizeformat(limit)}
                },
                status=413,
            )
        return self.get_response(request)


def body_limit(request):
    if request.path_info == reverse("hsds_open_data"):
        return settings.HSDS_UPLOAD_MAX_BYTES
    return settings.REQUEST_MAX_BYTES


def stated_length(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
    return length if length >= 0 else None


def _is_chunked(request):
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and bool(
        request.META.get("wsgi.input_terminated")
    )


def _read_chunked_body(request, limit):
    """The body's length, read up to `limit` + 1 bytes; within the limit, Django reads it next."""
    source = request.META["wsgi.input"]
    # Not a `with`: Django reads the file after this returns; it is gone with the request.
    in_memory = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    body = tempfile.SpooledTemporaryFile(max_size=in_memory)  # noqa: SIM115
    length = 0
    while length <= limit and (chunk := source.read(min(64 * 1024, limit + 1 - length))):
        body.write(chunk)
        length += len(chunk)
    if length > limit:
        body.close()
        return length
    body.seek(0)
    request.META["CONTENT_LENGTH"] = str(length)
    # WSGIRequest made its stream from CONTENT_LENGTH when it was created, so with none, an
    # empty one: the stream of the body now read replaces it.
    request._stream = LimitedStream(body, length)
    return length


class TwoFactorMiddleware:
    """Staff who signed in with a password but not yet their second factor see no admin page
    but the two-factor one (which sets it up on first sign-in), when REQUIRE_TWO_FACTOR is on.

    Only admin addresses are looked at, so public pages never load the user or the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _needs_second_factor(request):
            query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            return redirect(f"{reverse('two_factor')}?{query}")
        return self.get_response(request)


def _needs_second_factor(request):
    from resources.curation.sign_in import two_factor_required

    if not settings.REQUIRE_TWO_FACTOR:
        return False
    admin_prefix = f"/{settings.ADMIN_URL}"
    if not request.path_info.startswith(admin_prefix):
        return False
    if request.path_info in {
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("two_factor"),
        reverse("two_factor_recovery_codes"),
    }:
        return False
    return two_factor_required(request.user) and not request.user.is_verified()

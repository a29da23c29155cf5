"""The same page in the site's other interface languages (issue 17).

English, the source language, is at unprefixed addresses and each other offered language under
its code, `/es/...` (supportdir/urls.py); the address alone says the language
(supportdir.middleware.LanguageFromUrlMiddleware). So every public page links to itself in the
other languages, its query kept, and names them as alternates (hreflang) for search engines; and
an English page whose visitor's browser prefers another offered language says so, in that
language, but never changes language by itself. The admin, the API and the health checks have
one version, in English: no link.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


@dataclass(frozen=True)
class PageVersion:
    code: str
    # The language's name in itself ("español", "English"): what a reader of it looks for.
    name: str
    # The page's address in that language, with the query: for links.
    path: str
    # The same, absolute, for <link rel="alternate" hreflang>; "" when the host is not known.
    url: str


def page_versions(request):
    """[PageVersion] of the page `request` is answered with, in every offered language in the
    order of settings.LANGUAGES (its own language included); [] when it has only one."""
    if len(settings.LANGUAGES) < 2:
        return []
    current = translation.get_language()
    paths = {code: _path_in(request, code, current) for code, _name in settings.LANGUAGES}
    if None in paths.values() or len(set(paths.values())) < len(paths):
        return []
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, path in paths.items():
        if query:
            path = f"{path}?{query}"
        name = translation.get_language_info(code)["name_local"]
        versions.append(PageVersion(code, name, path, _absolute(request, path)))
    return versions


def _path_in(request, code, current):
    """The path of the page `request` is answered with, in language `code`; None when there is
    no page in that language."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        # An address that names no page: its "not found" page in the other language.
        return _with_prefix(_without_prefix(request.path_info, current), code)
    try:
        with translation.override(code):
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return None


def _without_prefix(path, code):
    if code != settings.LANGUAGE_CODE and (path == f"/{code}" or path.startswith(f"/{code}/")):
        return path[len(code) + 1 :] or "/"
    return path


def _with_prefix(path, code):
    prefix = get_script_prefix()
    if code != settings.LANGUAGE_CODE:
        prefix = f"{prefix}{code}/"
    return prefix + path.lstrip("/")


def _absolute(request, path):
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        # The 400 page for a request to a host this site is not: no address to give.
        return ""


def suggested_version(request, versions):
    """The version, among `versions`, of the language the browser prefers (Accept-Language),
    when that is not English and the page shown is the English one; else None.

    Only the English pages suggest: they are at the addresses people share and search engines
    list, and their responses vary by Accept-Language (LocaleMiddleware sends Vary for every
    unprefixed address) where the pages of other languages do not."""
    current = translation.get_language()
    if current != settings.LANGUAGE_CODE or not versions:
        return None
    preferred = _preferred_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    if preferred is None or preferred == current:
        return None
    return next((version for version in versions if version.code == preferred), None)


def _preferred_language(accept_language):
    """The offered language the browser ranks first, or None."""
    for code, quality in parse_accept_lang_header(accept_language):
        if code == "*" or quality <= 0:  # q=0: "not this one"
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None

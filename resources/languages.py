"""Languages services are given in, named in the visitor's own interface language.

Codes are kept as ISO 639-1 where the language has a two-letter code (`es`) and as ISO 639-3
where it has none (Hmong `hmn`, American Sign Language `ase`, Cantonese `yue`, Mandarin `cmn`),
as HSDS allows (issue 17). A three-letter code of a language that has a two-letter one (ISO
639-3 `spa`, ISO 639-2/B `ger`) is kept as the two-letter code, so one language has one code.
"""

import gettext as gettext_module
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _kept_code(language):
    return getattr(language, "alpha_2", None) or language.alpha_3


@cache
def _english_names():
    return {_kept_code(language): language.name for language in pycountry.languages}


@cache
def _kept_codes():
    """Every ISO 639-1, 639-2/B and 639-3 code -> the code kept for its language."""
    codes = {}
    for language in pycountry.languages:
        for attribute in ("bibliographic", "alpha_3", "alpha_2"):
            if code := getattr(language, attribute, None):
                codes[code] = _kept_code(language)
    return codes


def kept_language_code(value):
    """`es`, `spa`, `SPA` -> `es`; `hmn` -> `hmn`; not a language code -> None."""
    return _kept_codes().get(str(value or "").strip().lower())


def validate_language_code(value):
    if kept_language_code(value) is None:
        raise ValidationError(
            _("“%(value)s” is not an ISO 639-1 or ISO 639-3 language code."),
            code="invalid",
            params={"value": value},
        )


@cache
def _catalogue(interface_language):
    try:
        return gettext_module.translation(
            "iso639-3", pycountry.LOCALES_DIR, languages=[interface_language]
        )
    except OSError:
        return gettext_module.NullTranslations()


def language_name(code):
    """`es` -> "Spanish" (or "español" when the interface is in Spanish); `hmn` -> "Hmong"."""
    english = _english_names().get(code)
    if english is None:
        return code
    interface_language = (get_language() or "en").split("-")[0]
    if interface_language == "en":
        return english
    return _catalogue(interface_language).gettext(english)


@cache
def _sorted_choices():
    return sorted(_english_names().items(), key=lambda item: item[1])


def language_choices():
    """(kept code, English name) of every language, by name."""
    return _sorted_choices()

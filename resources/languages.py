"""ISO 639-1 languages, named in the visitor's own interface language."""

import gettext as gettext_module
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _english_names():
    return {
        language.alpha_2: language.name
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    }


@cache
def _catalogue(interface_language):
    try:
        return gettext_module.translation(
            "iso639-3", pycountry.LOCALES_DIR, languages=[interface_language]
        )
    except OSError:
        return gettext_module.NullTranslations()


def language_name(code):
    """`es` -> "Spanish" (or "español" when the interface is in Spanish)."""
    english = _english_names().get(code)
    if english is None:
        return code
    interface_language = (get_language() or "en").split("-")[0]
    if interface_language == "en":
        return english
    return _catalogue(interface_language).gettext(english)


def language_choices():
    return sorted(_english_names().items(), key=lambda item: item[1])

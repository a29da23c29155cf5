"""Languages services are given in, named in the visitor's own interface language.

Codes are kept as ISO 639-1 where the language has a two-letter code (`es`) and as ISO 639-3
where it has none (Hmong `hmn`, American Sign Language `ase`, Cantonese `yue`, Mandarin `cmn`),
as HSDS allows (issue 17). A three-letter code of a language that has a two-letter one (ISO
639-3 `spa`, ISO 639-2/B `ger`) is kept as the two-letter code, so one language has one code.
"""

import gettext as gettext_module
import re
import unicodedata
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# The languages a US directory most often lists, named in our own catalogue: pycountry's other
# catalogues (from iso-codes) are Spain's usage ("lengua de signos"), capitalised, with mistakes
# ("Árábe", "Ukranio") and gaps ("Yue Chinese"). The English names are pycountry's, so English
# pages say what they always said. Any other language falls back to pycountry's catalogue.
# Spanish writes them in lower case in running text ("Idiomas: inglés, español").
NAMED_HERE = {
    "am": pgettext_lazy("language name", "Amharic"),
    "ar": pgettext_lazy("language name", "Arabic"),
    "ase": pgettext_lazy("language name", "American Sign Language"),
    "bn": pgettext_lazy("language name", "Bengali"),
    "cmn": pgettext_lazy("language name", "Mandarin Chinese"),
    "de": pgettext_lazy("language name", "German"),
    "en": pgettext_lazy("language name", "English"),
    "es": pgettext_lazy("language name", "Spanish"),
    "fa": pgettext_lazy("language name", "Persian"),
    "fr": pgettext_lazy("language name", "French"),
    "hi": pgettext_lazy("language name", "Hindi"),
    "hmn": pgettext_lazy("language name", "Hmong"),
    "ht": pgettext_lazy("language name", "Haitian"),
    "it": pgettext_lazy("language name", "Italian"),
    "ja": pgettext_lazy("language name", "Japanese"),
    "km": pgettext_lazy("language name", "Khmer"),
    "ko": pgettext_lazy("language name", "Korean"),
    "lo": pgettext_lazy("language name", "Lao"),
    "my": pgettext_lazy("language name", "Burmese"),
    "ne": pgettext_lazy("language name", "Nepali (macrolanguage)"),
    "pl": pgettext_lazy("language name", "Polish"),
    "ps": pgettext_lazy("language name", "Pushto"),
    "pt": pgettext_lazy("language name", "Portuguese"),
    "ru": pgettext_lazy("language name", "Russian"),
    "so": pgettext_lazy("language name", "Somali"),
    "sw": pgettext_lazy("language name", "Swahili (macrolanguage)"),
    "ti": pgettext_lazy("language name", "Tigrinya"),
    "tl": pgettext_lazy("language name", "Tagalog"),
    "uk": pgettext_lazy("language name", "Ukrainian"),
    "ur": pgettext_lazy("language name", "Urdu"),
    "vi": pgettext_lazy("language name", "Vietnamese"),
    "yue": pgettext_lazy("language name", "Yue Chinese"),
    "zh": pgettext_lazy("language name", "Chinese"),
}


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


def _in_running_text(name, english):
    """ "Neerlandés (Holandés)" -> "neerlandés (holandés)": Spanish, like most languages but
    English and German, writes language names in lower case. A name the catalogue leaves in
    English ("Min Nan Chinese") is left be."""
    if name == english:
        return name
    return re.sub(r"\w+", lambda word: word[0].lower() if word[0][1:].islower() else word[0], name)


def language_name(code):
    """`es` -> "Spanish" (or "español" when the interface is in Spanish); `hmn` -> "Hmong".

    In running text: "Idiomas: inglés, español"; a label capitalises it (capfirst).
    """
    english = _english_names().get(code)
    if english is None:
        return code
    interface_language = (get_language() or "en").split("-")[0]
    if interface_language == "en":
        return english
    if code in NAMED_HERE:
        return str(NAMED_HERE[code])
    return _in_running_text(_catalogue(interface_language).gettext(english), english)


def name_order(name):
    """A key that sorts names as a reader of the language expects: "árabe" with the a's, not
    after "vietnamita", case left aside."""
    decomposed = unicodedata.normalize("NFKD", str(name).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def by_name(languages):
    """Language records (with `.name`) in the order of their names in the visitor's language."""
    return sorted(languages, key=lambda language: name_order(language.name))


@cache
def _sorted_choices():
    return sorted(_english_names().items(), key=lambda item: item[1])


def language_codes():
    """The code kept for every language (`es`, `hmn`), to look one up in."""
    return _english_names().keys()


def language_choices():
    """(kept code, English name) of every language, by name."""
    return _sorted_choices()

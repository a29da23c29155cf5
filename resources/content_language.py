"""Which of a record's texts visitors read: its Spanish twin on Spanish pages, else the English.

Services, organisations and schedules keep visitors' text in English (`description`) and, where a
curator gave it, in Spanish (`description_es`, issue 17). A Spanish page shows the Spanish text;
where there is none it shows the English one, said to be English: `lang="en"` on it, so that a
screen reader reads it with English pronunciation, and "(in English)" in the page's language.

Names are the exception: a service's or an organisation's name without a Spanish twin is shown as
it is, unmarked. It is a proper name, the one a visitor will hear on the phone and see on the
door, and many are Spanish already ("Grupo de apoyo Mujeres Fuertes"); a curator gives `name_es`
only where the organisation itself uses a Spanish name.

Reads only the record's own fields: no query, however many records a page shows.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

SPANISH = "es"
SOURCE_LANGUAGE = "en"
# Fields whose English text is shown unmarked on Spanish pages (see the module's docstring).
PROPER_NAMES = frozenset({"name"})


@dataclass(frozen=True)
class ShownText:
    """The text to show of one field, and whether it is the English one on a page that is not."""

    text: str
    fell_back: bool = False
    marked: bool = False  # shown said to be English: a fallback that is not a name
    is_twin: bool = False  # the Spanish twin's text

    @property
    def lang_attribute(self):
        """` lang="en"` for the element holding the text, when it is marked as English."""
        return mark_safe(f' lang="{SOURCE_LANGUAGE}"') if self.marked else ""  # noqa: S308

    @property
    def marker(self):
        """ "(in English)", in the page's language and labelled so, after marked text."""
        if not self.marked:
            return ""
        return format_html(
            ' <span class="in-english" lang="{}">{}</span>', get_language(), gettext("(in English)")
        )

    def __html__(self):
        """Inline: the text, escaped; marked text in <span lang="en"> with its marker."""
        if not self.marked:
            return format_html("{}", self.text)
        return format_html('<span lang="{}">{}</span>{}', SOURCE_LANGUAGE, self.text, self.marker)

    def __str__(self):
        # Templates print a variable through str(): the inline HTML, safe, as __html__ gives.
        return self.__html__()

    def __bool__(self):
        return bool(self.text)


def is_spanish(language=None):
    """Whether `language` (by default the active one: es, es-mx…) is Spanish."""
    return _base(language) == SPANISH


def _base(language):
    return (language or get_language() or SOURCE_LANGUAGE).split("-")[0].lower()


def shown_text(record, field, language=None):
    """What to show of `record`'s `field` (an English field with a `<field>_es` twin) in
    `language`, by default the active one: a ShownText."""
    english = getattr(record, field) or ""
    language = _base(language)
    if language == SOURCE_LANGUAGE:
        return ShownText(english)
    spanish = getattr(record, f"{field}_{SPANISH}", "") or ""
    if language == SPANISH and spanish.strip():
        return ShownText(spanish, is_twin=True)
    return _english(english, is_name=field in PROPER_NAMES)


def in_english(text, language=None):
    """A curator's text that has no Spanish twin (a phone's or a place's note, a language's),
    as shown in `language`: marked as English on a page in another language."""
    if _base(language) == SOURCE_LANGUAGE:
        return ShownText(text or "")
    return _english(text or "")


def _english(text, is_name=False):
    fell_back = bool(text.strip())
    return ShownText(text, fell_back=fell_back, marked=fell_back and not is_name)

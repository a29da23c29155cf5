"""Issue 17: no page is labelled with a language unless its interface is written in it, and the
catalogue of every offered language is whole.

These tests read the real catalogues (locale/<code>/LC_MESSAGES/): a language whose compiled
catalogue is absent is not offered, and then nothing is served under its prefix at all.
"""

import gettext
import os
import re
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.core.cache import cache

from resources.models import Service
from tests.conftest import skip_unless_ci
from tests.curation.conftest import report_data, suggestion_data
from tests.factories import (
    make_language,
    make_location,
    make_phone,
    make_schedule,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db

SOURCE = settings.LANGUAGE_CODE


def translated_languages():
    """The offered interface languages other than the source one (English)."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE]


def catalogue_path(code, suffix):
    return settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / f"django.{suffix}"


# A PO file, read just enough to check it: gettext's own tools are not needed.


def read_po(path):
    """The entries of the PO file at `path` (polib), its header and obsolete entries left out."""
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def translations(entry):
    """{plural index: text}; 0 alone for an entry without a plural."""
    return entry.msgstr_plural if entry.msgid_plural else {0: entry.msgstr}


def key(entry):
    return (entry.msgctxt, entry.msgid)


# What a reader sees of a page, and in which language it is labelled.

# Elements whose text nobody reads on the page.
UNREAD = {"script", "style", "template"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Attributes read aloud or shown.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.texts = []  # (lang, text)

    def _lang(self):
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang", self._lang())
        for name in READ_ATTRIBUTES & attributes.keys():
            self._add(lang, attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self._add(lang, attributes.get("value") or "")
        if tag == "meta" and attributes.get("name") == "description":
            self._add(lang, attributes.get("content") or "")
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        tags = [open_tag for open_tag, _lang in self.stack]
        if tag in tags:
            del self.stack[len(tags) - 1 - tags[::-1].index(tag) :]

    def handle_data(self, data):
        if not any(tag in UNREAD for tag, _lang in self.stack):
            self._add(self._lang(), data)

    def _add(self, lang, text):
        text = " ".join(text.split())
        if text:
            self.texts.append((lang, text))


def texts_in(html, code):
    """The texts of `html` a reader meets labelled with language `code` (lang="es", "es-MX")."""
    reader = _Reader()
    reader.feed(html)
    return [text for lang, text in reader.texts if lang.split("-")[0].lower() == code]


PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def untranslated_matchers(po_path):
    """{pattern: msgid} for every English text of the catalogue at `po_path` whose translation
    differs: a text of a page labelled with its language that matches one was left in English."""
    matchers = {}
    for entry in read_po(po_path):
        english = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        spanish = set(translations(entry).values()) if entry.translated() else set()
        for msgid in english:
            msgid = " ".join(msgid.split())
            if msgid in spanish or "<" in msgid:
                continue
            literal = PLACEHOLDER.sub("", msgid)
            if len(re.findall(r"[A-Za-z]", literal)) < 3:
                continue  # "%(name)s (%(count)s)": no words of its own to recognise
            parts = [re.escape(part) for part in PLACEHOLDER.split(msgid)]
            matchers[re.compile(".+?".join(parts))] = msgid
    return matchers


def left_in_english(html, code, matchers):
    found = set()
    for text in texts_in(html, code):
        for pattern, msgid in matchers.items():
            if pattern.fullmatch(text):
                found.add(msgid)
    return found


@pytest.fixture
def service_in_spanish():
    """A published service with something in every section of its page, in both languages."""
    service = make_service(
        name="Night line",
        name_es="Línea nocturna",
        slug="night-line",
        description="Somebody listens, every night.",
        description_es="Alguien le escucha, cada noche.",
        fees_description="Free.",
        fees_description_es="Gratis.",
        terms=[
            ("supportdir:support", "emotional"),
            ("supportdir:topic", "anxiety"),
            ("supportdir:resource", "warmline"),
            ("supportdir:delivery", "phone"),
            ("supportdir:cost", "free"),
        ],
    )
    make_phone(service=service, number="608-555-0142")
    make_schedule(service=service, byday="TH", opens_at="18:00", closes_at="19:30")
    make_language(service=service, code="es")
    make_service_at_location(service=service, location=make_location(name="Library"))
    return service


def spanish_pages(client, code):
    """{what: response} of the main public pages in language `code`."""
    prefix = f"/{code}"
    service = Service.objects.get(slug="night-line")
    pages = {
        "home": client.get(f"{prefix}/"),
        "kind of support": client.get(f"{prefix}/support/emotional/"),
        "topic": client.get(f"{prefix}/topics/anxiety/"),
        "search with a filter and a query": client.get(
            f"{prefix}/search/?q=night&support=emotional&delivery=phone"
        ),
        "search finding nothing": client.get(f"{prefix}/search/?q=zzzz-nothing"),
        "service": client.get(f"{prefix}/services/{service.slug}/"),
        "suggest": client.get(f"{prefix}/suggest/"),
        "suggest, with errors": client.post(f"{prefix}/suggest/", suggestion_data(name="")),
        "suggest, thanks": client.get(f"{prefix}/suggest/thanks/"),
        "report": client.get(f"{prefix}/services/{service.slug}/report/"),
        "report, with errors": client.post(
            f"{prefix}/services/{service.slug}/report/", report_data(kind="")
        ),
        "report, thanks": client.get(f"{prefix}/services/{service.slug}/report/thanks/"),
        "choose": client.get(f"{prefix}/choose/"),
        "guides": client.get(f"{prefix}/guides/"),
        "a guide": client.get(f"{prefix}/guides/building-your-support-network/"),
        "not found": client.get(f"{prefix}/no-such-page/"),
    }
    return pages


def test_no_page_is_labelled_with_a_language_unless_its_interface_is_in_it(
    client, service_in_spanish
):
    codes = translated_languages()
    if not codes:
        # Nothing but English is offered: nothing is served under another language's prefix.
        for code, _name in settings.INTERFACE_LANGUAGES:
            if code != SOURCE:
                assert client.get(f"/{code}/").status_code == 404
        return
    left = {}
    for code in codes:
        matchers = untranslated_matchers(catalogue_path(code, "po"))
        for what, response in spanish_pages(client, code).items():
            html = response.content.decode()
            assert re.search(rf'<html lang="{code}"', html), what
            assert response["Content-Language"] == code, what
            if found := left_in_english(html, code, matchers):
                left[f"{code}: {what}"] = sorted(found)
    assert left == {}, "Interface text left in English:\n" + "\n".join(
        f"{what}: {texts}" for what, texts in left.items()
    )


def test_the_check_finds_english_text_on_a_page_labelled_spanish(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Search"\nmsgstr "Buscar"\n\n'
        '#, python-format\nmsgid "Call %(phone)s"\nmsgstr "Llame al %(phone)s"\n\n'
        'msgid "Chat"\nmsgstr "Chat"\n\n'
        'msgid "Untranslated words"\nmsgstr ""\n',
        encoding="utf-8",
    )
    matchers = untranslated_matchers(po)
    html = (
        '<html lang="es"><title>Buscar</title><body><a href="#" aria-label="Search">x</a>'
        "<p>Call 988</p><p>Chat</p><p>Untranslated  words</p>"
        '<p lang="en">Search</p><script>Search</script></body></html>'
    )
    assert left_in_english(html, "es", matchers) == {
        "Search",
        "Call %(phone)s",
        "Untranslated words",
    }


def test_the_catalogue_of_every_offered_language_is_whole():
    problems = {}
    for code in translated_languages():
        entries = read_po(catalogue_path(code, "po"))
        untranslated = [entry.msgid for entry in entries if not entry.translated()]
        fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
        if untranslated:
            problems[f"{code}: untranslated"] = untranslated
        if fuzzy:
            problems[f"{code}: fuzzy"] = fuzzy
    assert problems == {}


def test_the_compiled_catalogue_of_every_offered_language_is_its_po_file():
    for code in translated_languages():
        entries = [entry for entry in read_po(catalogue_path(code, "po")) if not entry.fuzzy]
        with catalogue_path(code, "mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        stale = []
        for entry in entries:
            if not entry.translated():
                continue
            for index, text in translations(entry).items():
                if _compiled_text(compiled, entry, index) != text:
                    stale.append(entry.msgid)
        assert stale == [], f"{code}: django.mo is not compiled from django.po: {stale[:10]}"
        # The other way: the .mo holds nothing the .po does not (its header aside).
        with catalogue_path(code, "mo").open("rb") as mo:
            _magic, _revision, count = struct.unpack("<3I", mo.read(12))
        assert count == 1 + sum(entry.translated() for entry in entries), code


def _compiled_text(compiled, entry, index):
    if not entry.msgid_plural:
        if entry.msgctxt is not None:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)
    number = next(n for n in range(1000) if compiled.plural(n) == index)
    if entry.msgctxt is not None:
        return compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, number)
    return compiled.ngettext(entry.msgid, entry.msgid_plural, number)


# What the project's own code asks to translate, found as `makemessages` finds it.
SOURCE_FOLDERS = ["resources", "supportdir", "templates"]


def test_makemessages_finds_nothing_new_to_translate(tmp_path):
    codes = translated_languages()
    if not codes:
        return
    if not shutil.which("xgettext"):
        skip_unless_ci("GNU gettext is not installed (Debian: apt-get install gettext)")
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(settings.BASE_DIR / folder, copy / folder, ignore=ignore)
    shutil.copy(settings.BASE_DIR / "manage.py", copy / "manage.py")
    for code in codes:
        (copy / "locale" / code / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(catalogue_path(code, "po"), copy / "locale" / code / "LC_MESSAGES")
    environment = {**os.environ, "DEBUG": "true", "DATA_DIR": str(tmp_path / "data")}
    arguments = [arg for code in codes for arg in ("--locale", code)]
    subprocess.run(  # noqa: S603 (Django's own command, fixed arguments)
        [sys.executable, "manage.py", "makemessages", *arguments, "--verbosity", "0"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    for code in codes:
        kept = {key(entry) for entry in read_po(catalogue_path(code, "po"))}
        found = read_po(copy / "locale" / code / "LC_MESSAGES" / "django.po")
        new = sorted(entry.msgid for entry in found if key(entry) not in kept)
        assert new == [], f"{code}: not in the catalogue yet: {new}"


# Caches hold nothing of one language for the pages of another.


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=night",
        "/search/?support=emotional",
        "/support/emotional/",
        "/services/night-line/",
    ],
)
def test_a_page_in_english_is_the_same_after_its_spanish_version_was_served(
    client, service_in_spanish, url
):
    cold = client.get(url).content.decode()
    cache.clear()
    for code in translated_languages():
        assert client.get(f"/{code}{url}").status_code == 200
    warm = client.get(url).content.decode()
    assert _without_tokens(warm) == _without_tokens(cold)


def _without_tokens(html):
    return re.sub(r'name="(csrfmiddlewaretoken|started)" value="[^"]*"', "", html)


# makemessages knows gettext's functions by name (gettext, gettext_lazy, ngettext, pgettext...)
# and Django's `_`; a string passed to any other alias never reaches the catalogue.
TRANSLATION_ALIAS = re.compile(
    r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (?!_\b)(\w+)"
)


def test_no_module_hides_a_translation_function_under_a_name_makemessages_does_not_know():
    hidden = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(1)} as {match.group(2)}"
        for folder in ["resources", "supportdir"]
        for path in sorted((settings.BASE_DIR / folder).rglob("*.py"))
        for match in TRANSLATION_ALIAS.finditer(path.read_text())
    ]
    assert hidden == []

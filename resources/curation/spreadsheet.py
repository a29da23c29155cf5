"""The curators' spreadsheet of services: a CSV for Excel or LibreOffice, safe to open.

Not the HSDS export (resources/hsds/exporter.py), which is data for other programs and keeps
every value exactly as it is. This file is for people: one row per service with the columns a
curator works through, and every cell a spreadsheet could take for a formula neutralised, as
OWASP advises against CSV injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a single quote in front, so the spreadsheet shows it as text and runs
nothing. (A phone number written "+1 608 …" then shows its quote too: the price of safety.)
"""

import csv

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from resources import vocabulary
from resources.models import Phone, ServiceAtLocation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500
# Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte order mark.
BYTE_ORDER_MARK = "\ufeff"


def safe_cell(value):
    """`value` as text a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header():
    facets = [str(_(facet["label"])) for facet in vocabulary.FACETS.values()]
    return [
        _("Name"),
        _("Organisation"),
        _("Status"),
        _("Last verified"),
        _("Phones"),
        _("Website"),
        _("Email"),
        _("Addresses"),
        *facets,
        _("Other terms"),
        _("Last modified"),
        _("HSDS id"),
    ]


def service_row(service):
    """One service's cells, before neutralising; `service` comes from `for_spreadsheet`."""
    terms = {name: [] for name in vocabulary.FACETS}
    other = []
    for term in sorted(service.terms.all(), key=lambda term: (term.taxonomy.name, term.position)):
        if term.taxonomy.name in terms:
            terms[term.taxonomy.name].append(term.label)
        else:
            other.append(f"{term.taxonomy.label}: {term.label}")
    return [
        service.name,
        service.organization.name,
        service.get_status_display(),
        date_format(service.assured_date, "Y-m-d") if service.assured_date else "",
        "; ".join(_phone(phone) for phone in service.phones.all()),
        service.url,
        service.email,
        "; ".join(
            ", ".join(link.location.address_lines) or link.location.name
            for link in service.service_at_locations.all()
        ),
        *("; ".join(labels) for labels in terms.values()),
        "; ".join(other),
        date_format(timezone.localtime(service.modified), "Y-m-d H:i"),
        service.pk,
    ]


def _phone(phone):
    text = phone.number + (f" ext. {phone.extension}" if phone.extension else "")
    return f"{text} ({phone.description})" if phone.description else text


def for_spreadsheet(services):
    """`services` with what the spreadsheet shows fetched a chunk at a time."""
    return services.select_related("organization").prefetch_related(
        Prefetch("phones", queryset=Phone.objects.order_by("position", "pk")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by("pk"),
        ),
        "terms__taxonomy",
    )


class _Line:
    """A file-like object whose write() hands back the line, for streaming."""

    def write(self, text):
        return text


def rows(services):
    """The spreadsheet's lines as CSV text, one at a time: header first, every cell safe."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK + writer.writerow([safe_cell(cell) for cell in header()])
    for service in for_spreadsheet(services).order_by("name", "pk").iterator(chunk_size=CHUNK):
        yield writer.writerow([safe_cell(cell) for cell in service_row(service)])

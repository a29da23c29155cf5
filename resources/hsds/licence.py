"""The data's licence: each deployment's choice (settings.DATA_LICENSE, an SPDX identifier).

The code is BSD-3-Clause (LICENSE); the directory's data belongs to whoever curates it, and they
say how others may reuse it. The API's documents and the export's datapackage.json name it.
"""

from dataclasses import dataclass

from django.conf import settings

# The open-data licences a deployment is likely to choose, with their canonical addresses.
KNOWN_LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication & License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}


@dataclass(frozen=True)
class DataLicence:
    identifier: str
    title: str
    url: str

    def as_datapackage(self):
        """Frictionless Data's `licenses` entry."""
        entry = {"name": self.identifier, "title": self.title}
        return {**entry, "path": self.url} if self.url else entry

    def as_openapi(self):
        """OpenAPI 3.1's License Object (an SPDX identifier, so no url beside it)."""
        return {"name": self.title, "identifier": self.identifier}


def data_licence():
    title, url = KNOWN_LICENCES.get(settings.DATA_LICENSE, (settings.DATA_LICENSE, ""))
    return DataLicence(settings.DATA_LICENSE, title, settings.DATA_LICENSE_URL or url)

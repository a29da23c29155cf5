"""HSDS 3.0's tabular form: each table's file and columns (with their Frictionless types), and the
links between tables.

They are read, once, from the specification's own datapackage.json, vendored with its licence in
spec/ (see spec/README.md); what we add beyond it is written out below. Both the import (which
columns a file may have) and the export (its datapackage.json) read this. The tables listed are all
of HSDS's; `EXPORTED` are those we hold data for.
"""

import json
from pathlib import Path

SPEC_PATH = Path(__file__).resolve().parent / "spec" / "datapackage.json"

_SPEC_TABLES = json.loads(SPEC_PATH.read_text(encoding="utf-8"))["resources"]

# table -> (file name, [(column, Frictionless type), ...]), in the spec's order.
TABLES = {
    resource["name"]: (
        resource["path"],
        [(field["name"], field["type"]) for field in resource["schema"]["fields"]],
    )
    for resource in _SPEC_TABLES
}

# Links the spec describes in words ("the identifier of the organization's parent organization",
# "the identifier of the parent category") but leaves out of its data package's foreign keys: the
# import checks them and the export declares them like the spec's own.
LINKS_BEYOND_THE_SPEC = {
    ("organization", "parent_organization_id"): "organization",
    ("taxonomy_term", "parent_id"): "taxonomy_term",
}

# Links between tables: (table, column) -> table, the data package's and then ours.
FOREIGN_KEYS = {
    (resource["name"], key["fields"]): key["reference"]["resource"]
    for resource in _SPEC_TABLES
    for key in resource["schema"].get("foreignKeys", [])
} | LINKS_BEYOND_THE_SPEC

# The tables we hold data for (the export writes every table, the others as a header alone).
EXPORTED = [
    "organization",
    "organization_identifier",
    "program",
    "service",
    "location",
    "address",
    "accessibility",
    "service_at_location",
    "contact",
    "phone",
    "schedule",
    "service_area",
    "language",
    "funding",
    "cost_option",
    "required_document",
    "taxonomy",
    "taxonomy_term",
    "attribute",
]

FILES = {filename: table for table, (filename, _fields) in TABLES.items()}


def columns(table):
    return [name for name, _type in TABLES[table][1]]

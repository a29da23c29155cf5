"""The HSDS 3.0 reference copy beside the checkout (../shared/hsds), for conformance tests.

It is not part of the project: HSDS_SPEC_DIR may point elsewhere, and where it is absent the tests
that need it skip (and fail in CI).
"""

import json
import os
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import skip_unless_ci

PUBLISHED_SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
DEFAULT_SPEC_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "hsds"


def spec_dir():
    return Path(os.environ.get("HSDS_SPEC_DIR") or DEFAULT_SPEC_DIR).resolve()


def require_spec_dir():
    """The folder of the HSDS reference copy; skips (fails in CI) where it is absent."""
    folder = spec_dir()
    if not (folder / "schema" / "compiled" / "service.json").is_file():
        skip_unless_ci(f"The HSDS 3.0 reference copy is not at {folder} (set HSDS_SPEC_DIR)")
    return folder


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry(folder):
    """Every schema of the copy under its published web address: no test reaches the network."""

    def retrieve(uri):
        if not uri.startswith(PUBLISHED_SCHEMAS):
            raise LookupError(f"Not an HSDS schema address: {uri}")
        path = Path(folder) / "schema" / uri.removeprefix(PUBLISHED_SCHEMAS)
        return Resource.from_contents(_load(path), default_specification=DRAFT202012)

    return Registry(retrieve=retrieve)


def validator(folder, schema_name):
    """A validator for `schema_name` (e.g. "compiled/service.json"), formats checked."""
    schema = {"$ref": PUBLISHED_SCHEMAS + schema_name}
    return Draft202012Validator(
        schema, registry=_registry(str(folder)), format_checker=FormatChecker()
    )


def assert_valid(folder, schema_name, instance):
    errors = sorted(validator(folder, schema_name).iter_errors(instance), key=str)
    messages = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]
    assert not messages, f"Not valid against {schema_name}:\n" + "\n".join(messages[:20])


def inline_published_refs(node, folder, base=PUBLISHED_SCHEMAS):
    """`node` with every $ref to a published HSDS schema replaced by the local file's content."""
    if isinstance(node, list):
        return [inline_published_refs(item, folder, base) for item in node]
    if not isinstance(node, dict):
        return node
    target = node.get("$ref")
    if isinstance(target, str) and not target.startswith("#"):
        address = target if target.startswith(PUBLISHED_SCHEMAS) else base + target
        relative = address.removeprefix(PUBLISHED_SCHEMAS)
        content = _load(Path(folder) / "schema" / relative)
        content.pop("$id", None)
        content.pop("$schema", None)
        new_base = PUBLISHED_SCHEMAS + (relative.rsplit("/", 1)[0] + "/" if "/" in relative else "")
        return inline_published_refs(content, folder, new_base)
    return {key: inline_published_refs(value, folder, base) for key, value in node.items()}

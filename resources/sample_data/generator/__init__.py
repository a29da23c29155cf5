"""A made-up directory of any size, the same for the same seed, for benchmarks and for trying
the site at size: `manage.py generate_directory --services N [--seed S] [--replace]`.

Rows are written with bulk_create, a batch at a time, so no signal fires: there is no history
row for a generated record, and the search index is built once at the end, for the new
services only. Every generated record has an id in one range (build.ID_PREFIX) and is marked
as sample data; removing the generated directory removes only those, and what hangs from them.
"""

from resources.sample_data.generator.write import (
    GeneratorError,
    generate_directory,
    generated,
    remove_generated_directory,
)

__all__ = ["GeneratorError", "generate_directory", "generated", "remove_generated_directory"]

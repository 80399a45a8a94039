"""``python -m reports.schema [PATH]``: print the report's JSON Schema, or write it to PATH.

The schema itself is built in :mod:`reports._schema` and exported by :mod:`reports`
(:func:`reports.json_schema`, :func:`reports.write_schema_docs`, :data:`reports.SCHEMA_VERSION`).
"""

from __future__ import annotations

import sys

from reports._schema import SCHEMA_VERSION, json_schema, schema_text, write_schema_docs

__all__ = ["SCHEMA_VERSION", "json_schema", "main", "schema_text", "write_schema_docs"]

USAGE = "usage: python -m reports.schema [PATH]"


def main(argv: list[str] | None = None) -> int:
    """Print the schema to standard output, or write it to the one path given.

    Returns the exit status: 0, or 2 (with a usage line on standard error) for more than one
    argument; ``-h``/``--help`` prints the usage line and returns 0.
    """
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if len(args) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    if args:
        write_schema_docs(args[0])
    else:
        sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Loading and validating the standards catalogue from its YAML files."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from checker.errors import StandardsError
from standards.model import Catalogue, Source, Standard

STANDARDS_DIR = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it: several times faster than pure Python
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    return [(".".join(str(p) for p in e["loc"]) or "(file)", e["msg"]) for e in error.errors()]


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        raise StandardsError(str(path), [(where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StandardsError(str(path), [("(file)", f"cannot be read: {exc}")]) from None


def load_standard(path: Path, sources: dict[str, Source] | None = None) -> Standard:
    """Read and validate one standard file.

    Raises :class:`StandardsError` naming the file, the field and the problem when the file
    is not valid YAML, does not fit the schema, its ``id`` differs from the file name, or a
    citation names a source missing from ``sources``.
    """
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise StandardsError(str(path), [("(file)", "expected a mapping of fields")])
    try:
        standard = Standard.model_validate(data)
    except ValidationError as exc:
        raise StandardsError(str(path), _problems(exc)) from None
    problems: list[tuple[str, str]] = []
    if standard.id != path.stem:
        problems.append(("id", f"{standard.id!r} differs from the file name {path.stem!r}"))
    if sources is not None:
        for i, citation in enumerate(standard.citations):
            if citation.source not in sources:
                problems.append((f"citations.{i}.source", f"unknown source {citation.source!r} (not in sources.yaml)"))
    if problems:
        raise StandardsError(str(path), problems)
    return standard


def load_sources(path: Path) -> tuple[str, dict[str, Source]]:
    """``(catalogue version, {source id: Source})`` from ``sources.yaml``; raises StandardsError."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or "sources" not in data or "catalogue_version" not in data:
        raise StandardsError(str(path), [("(file)", "expected 'catalogue_version' and 'sources'")])
    sources: dict[str, Source] = {}
    problems: list[tuple[str, str]] = []
    for i, item in enumerate(data["sources"] or []):
        try:
            source = Source.model_validate(item)
        except ValidationError as exc:
            problems.extend((f"sources.{i}.{field}", msg) for field, msg in _problems(exc))
            continue
        if source.id in sources:
            problems.append((f"sources.{i}.id", f"duplicate source id {source.id!r}"))
        sources[source.id] = source
    if problems:
        raise StandardsError(str(path), problems)
    return str(data["catalogue_version"]), sources


def load_catalogue(directory: Path | str | None = None) -> Catalogue:
    """Load every standard of ``directory`` (default: the bundled ``standards/``).

    The directory holds ``sources.yaml`` and ``catalogue/<ID>.yaml``. Raises
    :class:`StandardsError` for the first malformed file.
    """
    root = Path(directory) if directory is not None else STANDARDS_DIR
    version, sources = load_sources(root / "sources.yaml")
    standards: dict[str, Standard] = {}
    paths: dict[str, str] = {}
    for path in sorted((root / "catalogue").glob("*.yaml")):
        standard = load_standard(path, sources)
        standards[standard.id] = standard
        paths[standard.id] = str(path)
    return Catalogue(version=version, sources=sources, standards=standards, paths=paths)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The catalogue in use, loaded once per process: the folder named by the environment
    variable ``RIGHTSCHECK_STANDARDS`` (for trying edited standards), else the bundled one."""
    return load_catalogue(os.environ.get("RIGHTSCHECK_STANDARDS") or None)

"""The Python API: check one draft from a file, bytes or text, and get a :class:`Report`."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from checker import __version__
from checker.engine import Engine, default_engine, provision_ref
from checker.errors import InputError
from checker.models import CitedStandard, Document, Draft, DraftSummary, Report, Severity
from checker.nlp.language import (
    detect_block_languages,
    detect_language,
    other_language_blocks,
    refuse_kazakh,
    validate_language,
)

_PATH_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".odt", ".rtf"}


def _severity(value: Severity | str) -> Severity:
    try:
        return value if isinstance(value, Severity) else Severity(value)
    except ValueError:
        raise InputError(f"unknown severity {value!r}", "accepted: low, medium, high") from None


def load_document(source: str | os.PathLike | bytes, *, filename: str | None = None) -> Document:
    """Read ``source`` into a Document.

    ``source`` is a path (``Path`` or a one-line string naming a file), raw bytes of an
    uploaded file (give ``filename`` so the format is known), or the draft's text itself.
    Raises :class:`InputError` for a missing file or a file rightscheck cannot read.
    """
    from checker import ingest

    if isinstance(source, bytes):
        return ingest.load(source, filename=filename or "upload")
    if isinstance(source, os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise InputError(f"no such file: {path}", "give the path of a draft file")
        return ingest.load(path)
    text = str(source)
    if "\n" not in text and len(text) < 4096:
        path = Path(text)
        if path.is_file():
            return ingest.load(path)
        if path.suffix.lower() in _PATH_SUFFIXES:
            raise InputError(f"no such file: {text}", "give the path of a draft file, or the draft's text")
    return ingest.load_text(text, name=filename or "<text>")


def parse_draft(document: Document, lang: str = "auto") -> Draft:
    """Split ``document`` into provisions; ``lang`` is "auto", "en" or "ru".

    Raises :class:`InputError` for an unknown language or a document without text.
    """
    from checker.structure import parse

    if not document.text.strip():
        raise InputError("the draft is empty", "give a file or text that contains the draft")
    if lang == "auto":
        language = detect_language(document.text)
    else:
        language = validate_language(lang)
        refuse_kazakh(document.text)
    return parse(document, language)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"the country must be text, not {type(value).__name__}", "a country name such as 'Kazakhstan'")
    name = " ".join(value.split())
    if not name:
        return None
    if len(name) > 100 or any(ord(ch) < 32 for ch in name):
        raise InputError("the country name is not a plain name of at most 100 characters", "a country name such as 'Kazakhstan'")
    return name


def build_report(
    draft: Draft,
    engine: Engine | None = None,
    min_severity: Severity | str = Severity.low,
    country: str | None = None,
) -> Report:
    """Run ``engine`` (default: the bundled catalogue) over ``draft`` and wrap the findings.

    ``country`` (optional) names the state whose draft this is; it is printed on the filing
    reports' title page. Raises :class:`InputError` for a country that is not a plain name.
    """
    from checker.engine import build_units, citation_refs
    from reports import SCHEMA_VERSION

    engine = engine or default_engine()
    threshold = _severity(min_severity)
    country_name = _country(country)
    findings = engine.run(draft, min_severity=threshold)
    units = build_units(draft)
    summary = DraftSummary(
        title=draft.title,
        language=draft.language,
        source_name=draft.document.source_name,
        source_format=draft.document.source_format,
        sha256=draft.document.sha256,
        words=len(draft.text.split()),
        provisions=len(units),
        structured=draft.structured,
        other_language_blocks=other_language_blocks(detect_block_languages(draft.document), draft.language),
        country=country_name,
    )
    return Report(
        schema_version=SCHEMA_VERSION,
        tool="rightscheck",
        tool_version=__version__,
        catalogue_version=engine.catalogue.version,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0),
        draft=summary,
        findings=findings,
        provisions=[provision_ref(draft, u.provision) for u in units],
        standards=[
            CitedStandard(
                id=standard.id,
                title=standard.title,
                domain=standard.domain,
                principle=" ".join(standard.principle.split()),
                status=standard.status,
                citations=citation_refs(engine.catalogue, standard),
            )
            for standard in (engine.catalogue.standards[sid] for sid in sorted({f.standard_id for f in findings}))
        ],
        min_severity=threshold,
    )


def check(
    path_or_text: str | os.PathLike | bytes,
    *,
    lang: str = "auto",
    min_severity: Severity | str = Severity.low,
    filename: str | None = None,
    engine: Engine | None = None,
    country: str | None = None,
    pipeline: str | None = None,
) -> Report:
    """Check a draft law and return its :class:`Report`.

    Args:
        path_or_text: a path to a .txt/.docx/.pdf/.html/.odt/.rtf file, the bytes of such a
            file (with ``filename``), or the draft's text.
        lang: "auto" (by script), "en" or "ru".
        min_severity: drop findings below this severity ("low", "medium", "high").
        filename: the uploaded file's name when ``path_or_text`` is bytes.
        engine: an :class:`Engine` over another catalogue; default the bundled one.
        country: the state whose draft this is (``"Kazakhstan"``), printed on the title page
            of the DOCX and PDF reports; None when unknown.
        pipeline: an installed trained spaCy package (``"en_core_web_sm"``) to read the draft
            with instead of the built-in pipeline; optional.

    Raises:
        InputError: the input cannot be read or checked; the message says why and what is
            accepted.
    """
    if pipeline is not None:
        engine = engine_with_pipeline(engine or default_engine(), pipeline)
    document = load_document(path_or_text, filename=filename)
    draft = parse_draft(document, lang)
    return build_report(draft, engine=engine, min_severity=min_severity, country=country)


# (base engine, derived engine) by (id of the base, package); the base is kept so its id stays its own
_ENGINES: dict[tuple[int, str], tuple[Engine, Engine]] = {}


def engine_with_pipeline(engine: Engine, pipeline: str) -> Engine:
    """An Engine over ``engine``'s catalogue that reads drafts with the trained spaCy package
    ``pipeline``; one per (engine, package) in a process.

    Raises :class:`InputError` when the package is not installed.
    """
    from checker.nlp.pipeline import require_trained

    require_trained(pipeline)
    if engine.pipeline == pipeline:
        return engine
    key = (id(engine), pipeline)
    if key not in _ENGINES:
        _ENGINES[key] = (engine, Engine(engine.catalogue, engine.only, pipeline=pipeline))
    return _ENGINES[key][1]

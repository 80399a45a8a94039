"""The ``rightscheck`` command.

Exit codes: 0 — every draft was checked (whatever it found); 1 — some finding reached the
``--fail-on`` severity; 2 — bad input (a file that cannot be read, a bad option, a malformed
standards file); 3 — an internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.errors import InputError, StandardsError

EXIT_OK, EXIT_CONFLICTS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
_FORMATS = ["json", "html", "md", "docx", "pdf"]
_BINARY = {"docx", "pdf"}
_SEVERITIES = ["low", "medium", "high"]


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> "NoReturn":  # type: ignore[name-defined]
    click.echo(f"rightscheck: error: {message}", err=True)
    sys.exit(code)


class _Commands(click.Group):
    """The command group; a malformed standards file ends any command with one clear line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StandardsError as exc:
            _fail(f"the standards catalogue is malformed: {exc}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rightscheck", prog_name="rightscheck")
def main() -> None:
    """Check draft laws against UN and OSCE standards on assembly, expression and association."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS), default="html", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report of one draft here ('-' for standard output).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), help="Write one report per draft into this folder.")
@click.option("--lang", type=click.Choice(["auto", "en", "ru"]), default="auto", show_default=True,
              help="Language of the drafts; auto tells English from Russian by script.")
@click.option("--min-severity", type=click.Choice(_SEVERITIES), default="low", show_default=True,
              help="Leave out findings below this severity.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=None,
              help="Exit with 1 when a finding of at least this severity is reported.")
@click.option("--country", default=None, help="The country whose draft this is (printed on the report's title page).")
@click.option("--pipeline", "pipeline", metavar="NAME", default=None,
              help="Read the drafts with this installed trained spaCy package (e.g. en_core_web_sm); optional.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary lines.")
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, out_dir: Path | None, lang: str,
          min_severity: str, fail_on: str | None, country: str | None, pipeline: str | None, quiet: bool) -> None:
    """Check one or more draft laws (.txt .docx .pdf .html .odt .rtf) and write reports.

    With one draft and no -o or --out-dir the report goes to standard output (docx and pdf
    reports only when it is not a terminal).
    """
    from tqdm import tqdm

    from checker.models import Severity
    from checker.pipeline import check as check_draft
    from reports import render, render_bytes

    if output is not None and out_dir is not None:
        _fail("use either -o/--output or --out-dir, not both")
    if len(paths) > 1 and out_dir is None:
        _fail("several drafts need --out-dir DIR (one report per draft)")
    if pipeline is not None:
        from checker.nlp.pipeline import require_trained

        try:
            require_trained(pipeline)
        except InputError as exc:
            _fail(str(exc))
    if out_dir is None and (output is None or str(output) == "-"):
        _refuse_binary_to_terminal(fmt)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"cannot create output folder {out_dir}: {exc.strerror}")

    bad_input = False
    conflicts = False
    threshold = Severity(fail_on) if fail_on else None
    progress = tqdm(paths, unit="draft", disable=quiet or len(paths) < 2, file=sys.stderr)
    for path in progress:
        progress.set_postfix_str(path.name)
        try:
            report = check_draft(path, lang=lang, min_severity=min_severity, country=country, pipeline=pipeline)
            text = render_bytes(report, fmt) if fmt in _BINARY else render(report, fmt)
        except InputError as exc:
            click.echo(f"rightscheck: {path}: {exc}", err=True)
            bad_input = True
            continue
        except StandardsError as exc:
            _fail(f"the standards catalogue is malformed: {exc}")
        except Exception as exc:  # a defect: say so in one line, keep going with other drafts
            click.echo(f"rightscheck: {path}: internal error ({type(exc).__name__}: {exc}); please report it", err=True)
            sys.exit(EXIT_INTERNAL)
        if out_dir is not None:
            target: Path | None = out_dir / f"{path.stem}.rightscheck.{fmt}"
        elif output is not None and str(output) != "-":
            target = output
        else:
            target = None
        if target is None:
            _to_stdout(text)
        else:
            _write_atomically(target, text)
        if threshold and any(f.severity.rank >= threshold.rank for f in report.findings):
            conflicts = True
        if not quiet:
            counts = {s: sum(1 for f in report.findings if f.severity.value == s) for s in ("high", "medium", "low")}
            where = f" → {target}" if target else ""
            tqdm.write(
                f"{path}: {len(report.findings)} findings (high {counts['high']}, medium {counts['medium']}, "
                f"low {counts['low']}) in {report.draft.provisions} provisions{where}",
                file=sys.stderr,
            )
    if bad_input:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_CONFLICTS if conflicts else EXIT_OK)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _refuse_binary_to_terminal(fmt: str) -> None:
    """End with a clear message when a binary report would be printed on a terminal."""
    if fmt in _BINARY and _stdout_is_terminal():
        _fail(f"a {fmt} report is binary and standard output is a terminal; "
              f"write it to a file with -o FILE (or pipe it to a program)")


def _to_stdout(data: str | bytes) -> None:
    if isinstance(data, bytes):
        stream = getattr(sys.stdout, "buffer", sys.stdout)
        stream.write(data)
        stream.flush()
    else:
        click.echo(data, nl=not data.endswith("\n"))


def _write_atomically(target: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``target`` through a temporary file, so a failure
    leaves no half report. A target that exists and is not a regular file (``/dev/null``, a
    named pipe) is written to directly: replacing it would destroy the device or pipe."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if target.exists() and not target.is_file():
        if target.is_dir():
            _fail(f"cannot write {target}: it is a folder; give a file name")
        try:
            with target.open("wb") as stream:
                stream.write(data)
        except OSError as exc:
            _fail(f"cannot write {target}: {exc.strerror}")
        return
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        _fail(f"cannot write {target}: {exc.strerror}")


@main.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Where to write the annotated DOCX ('-' for standard output when it is not a terminal).")
@click.option("--lang", type=click.Choice(["auto", "en", "ru"]), default="auto", show_default=True,
              help="Language of the draft; auto tells English from Russian by script.")
@click.option("--min-severity", type=click.Choice(_SEVERITIES), default="low", show_default=True,
              help="Leave out findings below this severity.")
def annotate(draft: Path, output: Path, lang: str, min_severity: str) -> None:
    """Give back the draft as DOCX with a Word comment on the words of each finding.

    A DOCX draft is returned itself (its metadata removed) with the comments added; any other
    draft is written as a DOCX, one paragraph per text block, with the same comments.
    """
    from checker.pipeline import build_report, load_document, parse_draft
    from reports.annotate import annotate_docx

    if str(output) == "-":
        _refuse_binary_to_terminal("docx")
    try:
        if not draft.is_file():
            raise InputError(f"no such file: {draft}", "give the path of a draft file")
        source = draft.read_bytes()
        document = load_document(source, filename=draft.name)
        parsed = parse_draft(document, lang)
        report = build_report(parsed, min_severity=min_severity)
        data = annotate_docx(source, parsed, report)
    except InputError as exc:
        _fail(f"{draft}: {exc}")
    except OSError as exc:
        _fail(f"cannot read {draft}: {exc.strerror}")
    if str(output) == "-":
        _to_stdout(data)
    else:
        _write_atomically(output, data)
        click.echo(f"{draft}: {len(report.findings)} comments → {output}", err=True)


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS), default="md", show_default=True,
              help="Format of the comparison.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the comparison here (default: standard output).")
@click.option("--lang", type=click.Choice(["auto", "en", "ru"]), default="auto", show_default=True,
              help="Language of the drafts; auto tells English from Russian by script.")
@click.option("--min-severity", type=click.Choice(_SEVERITIES), default="low", show_default=True,
              help="Leave out findings below this severity in both versions.")
@click.option("--country", default=None, help="The country whose draft this is.")
def compare(old: Path, new: Path, fmt: str, output: Path | None, lang: str, min_severity: str,
            country: str | None) -> None:
    """Compare two versions of a draft: which concerns were resolved, persist, changed or are new.

    Provisions are aligned by their text, so renumbered, split and merged articles are followed.
    """
    from checker.compare import compare as compare_versions
    from reports.comparison import render_comparison, render_comparison_bytes

    if output is None or str(output) == "-":
        _refuse_binary_to_terminal(fmt)
    for path in (old, new):
        if not path.is_file():
            _fail(f"no such file: {path} (give the paths of two versions of a draft)")
    try:
        comparison = compare_versions(old, new, lang=lang, min_severity=min_severity, country=country)
        data = render_comparison_bytes(comparison, fmt) if fmt in _BINARY else render_comparison(comparison, fmt)
    except InputError as exc:
        _fail(str(exc))
    if output is None or str(output) == "-":
        _to_stdout(data)
    else:
        _write_atomically(output, data)
        click.echo(f"{comparison.summary.sentence} → {output}", err=True)


def gold_path_for(draft: Path) -> Path | None:
    """The gold file of a draft: ``name.gold.yaml`` beside ``name.txt`` or ``name.<lang>.txt``."""
    from checker.evaluation import gold_path_for as find_gold

    return find_gold(draft)


@main.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--standard", "only", multiple=True, help="Score only these standards (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures, misses and false alarms as JSON.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print Markdown tables (for docs/evaluation.md).")
@click.option("-v", "--verbose", is_flag=True, help="Show the detector's explanation of each false alarm and near miss.")
def evaluate_cmd(paths: tuple[Path, ...], only: tuple[str, ...], as_json: bool, as_markdown: bool, verbose: bool) -> None:
    """Score findings against gold files: recall, precision and F1 per draft, by domain and language.

    PATHS are drafts (or folders of drafts) with a ``<name>.gold.yaml`` beside them; default:
    the bundled ``drafts/`` folder.
    """
    import json

    from checker.evaluation import render_markdown, render_text, run_evaluation, summary_to_json

    if as_json and as_markdown:
        _fail("use either --json or --markdown, not both")
    if not paths:
        paths = (Path(__file__).resolve().parents[1] / "drafts",)
    try:
        summary = run_evaluation(paths, only)
    except InputError as exc:
        _fail(str(exc))
    except StandardsError as exc:
        _fail(f"the standards catalogue is malformed: {exc}")
    if not summary.drafts:
        _fail("no draft with a gold file found in " + ", ".join(str(p) for p in paths))
    if as_json:
        click.echo(json.dumps(summary_to_json(summary), indent=2, ensure_ascii=False))
    elif as_markdown:
        click.echo(render_markdown(summary), nl=False)
    else:
        click.echo(render_text(summary, verbose=verbose), nl=False)


@main.group()
def standards() -> None:
    """List, show and test the encoded standards."""


def _catalogue():
    from standards.loader import default_catalogue

    try:
        return default_catalogue()
    except StandardsError as exc:
        _fail(f"the standards catalogue is malformed: {exc}")


@standards.command("list")
@click.option("--domain", help="Only standards of this domain (assembly, expression, media, association, elections, cross-cutting).")
@click.option("--lang", type=click.Choice(["en", "ru"]), help="Only standards with a detector for this language.")
def standards_list(domain: str | None, lang: str | None) -> None:
    """One line per standard: id, domain, severity, detector kinds, title."""
    catalogue = _catalogue()
    for standard in catalogue.standards.values():
        if domain and standard.domain.value != domain and domain not in {d.value for d in standard.also_domains}:
            continue
        kinds = sorted({d.kind for d in standard.detectors if lang is None or getattr(d, "lang", lang) == lang})
        if lang and not kinds:
            continue
        click.echo(f"{standard.id:36} {standard.domain.value:13} {standard.severity.value:6} {','.join(kinds) or '-':24} {standard.title}")


@standards.command("show")
@click.argument("standard_id")
def standards_show(standard_id: str) -> None:
    """Print one standard: principle, citations, recommendation, detectors."""
    catalogue = _catalogue()
    standard = catalogue.standards.get(standard_id)
    if standard is None:
        _fail(f"no standard {standard_id!r}; see 'rightscheck standards list'")
    click.echo(f"{standard.id} — {standard.title}\nDomain: {standard.domain.value}   Severity: {standard.severity.value}   Status: {standard.status}\n")
    click.echo(f"Principle: {standard.principle.strip()}\n")
    click.echo("Citations:")
    from checker.engine import citation_refs

    for ref in citation_refs(catalogue, standard):
        label = "" if ref.verified else "  [paragraph to be confirmed]"
        click.echo(f"  - {ref.pinpoint}{label}")
    click.echo(f"\nRecommendation: {standard.recommendation.strip()}")
    click.echo(f"Compliant alternative: {standard.compliant_alternative.strip()}")
    click.echo("\nDetectors: " + ", ".join(f"{d.kind}:{d.id}" + (f" ({d.lang})" if hasattr(d, "lang") else "") for d in standard.detectors))


@standards.command("test")
@click.argument("standard_id", required=False)
def standards_test(standard_id: str | None) -> None:
    """Run every standard's flag / no-flag examples; print failures with the explanation."""
    from checker.examples import run_examples

    catalogue = _catalogue()
    if standard_id and standard_id not in catalogue.standards:
        _fail(f"no standard {standard_id!r}; see 'rightscheck standards list'")
    results = run_examples(catalogue, only=standard_id)
    failures = [r for r in results if not r.passed]
    for result in failures:
        click.echo(f"FAIL {result.standard_id} [{result.expectation}, {result.lang}] {result.text}")
        for line in result.explanation:
            click.echo(f"     {line}")
    click.echo(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    sys.exit(EXIT_CONFLICTS if failures else EXIT_OK)


@standards.command("docs")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("docs/standards.md"), show_default=True,
              help="Where to write the table ('-' for standard output).")
def standards_docs(output: Path) -> None:
    """Write the overview table of the standards (languages, detector kinds, examples)."""
    from standards.table import render_table

    text = render_table(_catalogue())
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)


def _api_command(name: str) -> click.Command:
    """A command of the HTTP service (api/cli.py); FastAPI and SQLAlchemy load only when it runs."""
    import api.cli

    return getattr(api.cli, name)


main.add_command(_api_command("serve"))
main.add_command(_api_command("keys"))
main.add_command(_api_command("db"))
main.add_command(_api_command("review_stats"))
from checker.terms_cli import terms as _terms  # noqa: E402  (the lexicon's command group)
main.add_command(_terms)


if __name__ == "__main__":  # pragma: no cover
    main()

"""The overview table of the catalogue (docs/standards.md): standards × languages × detector
kinds × example counts, so that gaps are visible at a glance."""

from __future__ import annotations

from standards.model import Catalogue, Standard

HEADER = (
    "# Encoded standards\n\n"
    "Generated from `standards/` by `rightscheck standards docs`; do not edit by hand.\n\n"
    "Columns: detector kinds per language (`P` pattern, `Q` quantity, `A` absence; quantity and\n"
    "absence detectors serve both languages when they carry phrases for both), then the number\n"
    "of flag / no-flag examples per language. A dash marks a gap.\n\n"
)


def _kinds(standard: Standard, lang: str) -> str:
    letters = []
    for detector in standard.detectors:
        if detector.kind == "pattern" and detector.lang == lang:
            letters.append("P")
        elif detector.kind == "quantity" and (not detector.context or lang in detector.context):
            letters.append("Q")
        elif detector.kind == "absence" and lang in detector.applies_if:
            letters.append("A")
    return "".join(sorted(set(letters))) or "–"


def _examples(standard: Standard, lang: str) -> str:
    flag = sum(1 for e in standard.examples.flag if e.lang == lang)
    no_flag = sum(1 for e in standard.examples.no_flag if e.lang == lang)
    return f"{flag} / {no_flag}" if flag or no_flag else "–"


def render_table(catalogue: Catalogue) -> str:
    """Markdown of the overview table, grouped by domain, with totals."""
    lines = [HEADER, f"Catalogue version {catalogue.version}: {len(catalogue.standards)} standards.\n"]
    by_domain: dict[str, list[Standard]] = {}
    for standard in catalogue.standards.values():
        by_domain.setdefault(standard.domain.value, []).append(standard)
    for domain in sorted(by_domain):
        lines.append(f"\n## {domain}\n")
        lines.append("| id | title | severity | status | EN detectors | RU detectors | EN examples | RU examples |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for s in sorted(by_domain[domain], key=lambda s: s.id):
            lines.append(
                f"| {s.id} | {s.title} | {s.severity.value} | {s.status} | {_kinds(s, 'en')} | {_kinds(s, 'ru')} "
                f"| {_examples(s, 'en')} | {_examples(s, 'ru')} |"
            )
    no_detector = [s.id for s in catalogue.standards.values() if not s.detectors]
    if no_detector:
        lines.append("\n## Standards without a detector\n")
        lines.extend(f"- {sid}" for sid in sorted(no_detector))
    return "\n".join(lines) + "\n"

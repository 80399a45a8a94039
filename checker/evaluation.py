"""Scoring findings against a draft's gold file (``<draft>.gold.yaml``).

Matching rules (as in the gold files' header): a finding matches an item when its provision
is the item's provision, lies inside it, or contains it, and its standard is one of the
item's standards; a "whole draft" item matches an absence finding with one of its standards.
A finding that matches no required or optional item is a false alarm. A finding on (or
inside) a ``compliant`` provision is reported separately: it must never happen.

On top of the per-draft :func:`evaluate`: :func:`score_draft` turns one draft's result into
additive :class:`Counts` per domain with the misses and false alarms explained,
:func:`summarise` adds drafts up overall, by domain and by language, and
:func:`render_text`, :func:`render_markdown` and :func:`summary_to_json` print the result.
:func:`run_evaluation` does the whole run for ``rightscheck eval``, the CI floor test and
``benchmarks/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

import yaml
from pydantic import BaseModel, Field

from checker.errors import InputError
from checker.models import Draft, Finding

WHOLE_DRAFT = "whole draft"


class GoldItem(BaseModel):
    """An expected finding: at ``provision`` (a label such as "Article 9(1)"), one of ``standards``."""

    provision: str
    standards: list[str]
    absence: bool = False
    note: str | None = None


class CompliantItem(BaseModel):
    """A provision that must not be flagged, and why."""

    provision: str
    why: str = ""


class Gold(BaseModel):
    """A draft's gold findings."""

    draft: str
    source: str = ""
    languages: list[str] = Field(default_factory=list)
    required: list[GoldItem] = Field(default_factory=list)
    optional: list[GoldItem] = Field(default_factory=list)
    compliant: list[CompliantItem] = Field(default_factory=list)
    neutral: list[str] = Field(default_factory=list)


def load_gold(path: Path | str) -> Gold:
    """Read a gold file; raises :class:`InputError` when it is missing or malformed."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return Gold.model_validate(data)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}", "a YAML file in the gold format") from None


@dataclass
class Evaluation:
    """The score of one draft's findings.

    ``found`` pairs each matched required item with a finding that matched it; ``missed``
    lists required items no finding matched; ``false_alarms`` findings matching no required
    or optional item; ``on_compliant`` ``(finding, item)`` pairs of findings on compliant
    provisions; ``unknown_labels`` gold labels not found in the draft.
    """

    found: list[tuple[GoldItem, Finding]] = field(default_factory=list)
    missed: list[GoldItem] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)
    true_alarms: list[Finding] = field(default_factory=list)
    on_compliant: list[tuple[Finding, CompliantItem]] = field(default_factory=list)
    unknown_labels: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of required items found (1.0 when there are none)."""
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float:
        """Share of findings that match a required or optional item (1.0 when there are none)."""
        total = len(self.true_alarms) + len(self.false_alarms)
        return len(self.true_alarms) / total if total else 1.0


def _inside(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer + "__")


def evaluate(draft: Draft, findings: list[Finding], gold: Gold) -> Evaluation:
    """Score ``findings`` on ``draft`` against ``gold`` (see the module's matching rules)."""
    by_label = {p.label: p.eid for p in draft.walk()}
    result = Evaluation()

    def eid_of(label: str) -> str | None:
        if label == WHOLE_DRAFT:
            return None
        eid = by_label.get(label)
        if eid is None and label not in result.unknown_labels:
            result.unknown_labels.append(label)
        return eid

    def matches(finding: Finding, item: GoldItem) -> bool:
        if finding.standard_id not in item.standards:
            return False
        if item.absence or item.provision == WHOLE_DRAFT:
            return finding.absence
        if finding.provision is None:
            return False
        eid = eid_of(item.provision)
        if eid is None:
            return False
        return _inside(finding.provision.eid, eid) or _inside(eid, finding.provision.eid)

    for item in [*gold.required, *gold.optional, *gold.compliant]:  # every label, found or not
        eid_of(item.provision)
    for item in gold.required:
        hit = next((f for f in findings if matches(f, item)), None)
        if hit is None:
            result.missed.append(item)
        else:
            result.found.append((item, hit))
    expected = gold.required + gold.optional
    for finding in findings:
        if any(matches(finding, item) for item in expected):
            result.true_alarms.append(finding)
        else:
            result.false_alarms.append(finding)
        if finding.provision is not None:
            for item in gold.compliant:
                eid = eid_of(item.provision)
                if eid is not None and _inside(finding.provision.eid, eid):
                    result.on_compliant.append((finding, item))
    return result


# --------------------------------------------------------------------------- aggregation
#
# Everything below turns per-draft :class:`Evaluation` objects into figures that can be added
# up over drafts, domains and languages. A finding is already one (provision, standard) pair
# (the engine merges hits per provision and standard), so the counts are at that level:
#
#   recall    = required items found / required items
#   precision = findings matching a required or optional item / findings
#   F1        = harmonic mean of the two
#
# Totals over several drafts are micro-averages: the counts are added, then divided.

UNKNOWN_DOMAIN = "unknown"


@dataclass(frozen=True)
class Counts:
    """Additive counts behind recall, precision and F1.

    ``required`` gold items and ``found`` of them; ``findings`` reported and ``true_alarms``
    of them that match a required or optional item. Add two Counts with ``+``.
    """

    required: int = 0
    found: int = 0
    findings: int = 0
    true_alarms: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.required + other.required,
            self.found + other.found,
            self.findings + other.findings,
            self.true_alarms + other.true_alarms,
        )

    @property
    def missed(self) -> int:
        """Required items not found."""
        return self.required - self.found

    @property
    def false_alarms(self) -> int:
        """Findings matching no required or optional item."""
        return self.findings - self.true_alarms

    @property
    def recall(self) -> float:
        """``found / required`` in [0, 1]; 1.0 when nothing is required."""
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        """``true_alarms / findings`` in [0, 1]; 1.0 when nothing was reported."""
        return self.true_alarms / self.findings if self.findings else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall in [0, 1]; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        """The counts and the three figures (rounded to 4 places) as a JSON-ready mapping."""
        return {
            "required": self.required,
            "found": self.found,
            "missed": self.missed,
            "findings": self.findings,
            "true_alarms": self.true_alarms,
            "false_alarms": self.false_alarms,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Near:
    """A finding shown beside a miss to explain it: same provision or same standard elsewhere."""

    provision: str
    standard_id: str
    detector: str
    explanation: list[str]


@dataclass(frozen=True)
class Miss:
    """A required item no finding matched.

    ``domain`` is the domain of the item's first standard; ``near`` lists findings of the
    same provision with another standard, and findings of the item's standards elsewhere.
    """

    provision: str
    standards: list[str]
    domain: str
    note: str | None
    near: list[Near]


@dataclass(frozen=True)
class FalseAlarm:
    """A finding matching no required or optional item, with the detector's explanation."""

    provision: str
    standard_id: str
    domain: str
    detector: str
    quote: str
    explanation: list[str]
    on_compliant: bool = False


@dataclass
class DraftScore:
    """One draft file's score.

    ``name`` is the file as given (path string); ``draft`` the gold file's draft id;
    ``language`` the draft's language ("en" / "ru"); ``by_domain`` maps a domain name to its
    counts; ``on_compliant`` lists ``(provision label, standard id)`` of findings on provisions
    the gold marks compliant; ``unknown_labels`` gold labels the draft does not have.
    """

    name: str
    draft: str
    language: str
    counts: Counts
    by_domain: dict[str, Counts]
    misses: list[Miss]
    false_alarms: list[FalseAlarm]
    on_compliant: list[tuple[str, str]] = field(default_factory=list)
    unknown_labels: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """Scores of several drafts and their micro-averaged totals.

    ``overall`` adds every draft's counts; ``by_domain`` and ``by_language`` add them per
    domain and per draft language; ``standards`` is the ``--standard`` restriction, if any.
    """

    drafts: list[DraftScore]
    overall: Counts
    by_domain: dict[str, Counts]
    by_language: dict[str, Counts]
    standards: list[str] = field(default_factory=list)


_PREFIX = re.compile(r"^[A-Z]+(?=-)")


def domain_table(catalogue_domains: Mapping[str, str]) -> Callable[[str], str]:
    """A function ``standard id → domain name`` built from ``{standard id: domain}``.

    An id missing from the mapping (a standard the gold names but the catalogue does not yet
    encode) takes the domain shared by every encoded standard with its prefix ("ASM-" →
    "assembly"), else :data:`UNKNOWN_DOMAIN`.
    """
    by_prefix: dict[str, set[str]] = {}
    for standard_id, domain in catalogue_domains.items():
        prefix = _PREFIX.match(standard_id)
        if prefix:
            by_prefix.setdefault(prefix.group(0), set()).add(domain)
    fallback = {prefix: next(iter(domains)) for prefix, domains in by_prefix.items() if len(domains) == 1}

    def domain_of(standard_id: str) -> str:
        if standard_id in catalogue_domains:
            return catalogue_domains[standard_id]
        prefix = _PREFIX.match(standard_id)
        return fallback.get(prefix.group(0), UNKNOWN_DOMAIN) if prefix else UNKNOWN_DOMAIN

    return domain_of


def restrict(gold: Gold, findings: list[Finding], only: Iterable[str]) -> tuple[Gold, list[Finding]]:
    """Gold and findings limited to the standards ``only`` (all of them when ``only`` is empty).

    Items keep only the listed standards and disappear when none is left; ``compliant`` and
    ``neutral`` stay as they are. The given gold is not changed.
    """
    wanted = set(only)
    if not wanted:
        return gold, findings

    def keep(items: list[GoldItem]) -> list[GoldItem]:
        return [
            item.model_copy(update={"standards": [s for s in item.standards if s in wanted]})
            for item in items
            if wanted & set(item.standards)
        ]

    narrowed = gold.model_copy(update={"required": keep(gold.required), "optional": keep(gold.optional)})
    return narrowed, [f for f in findings if f.standard_id in wanted]


def _label(finding: Finding) -> str:
    return finding.provision.label if finding.provision else WHOLE_DRAFT


def score_draft(
    name: str,
    draft: Draft,
    findings: list[Finding],
    gold: Gold,
    domain_of: Callable[[str], str],
) -> DraftScore:
    """Score one draft: counts overall and per domain, misses and false alarms explained.

    Args:
        name: how the draft is named in tables (usually its path).
        draft: the parsed draft (for its language and provision labels).
        findings: the report's findings (already restricted, see :func:`restrict`).
        gold: the draft's gold.
        domain_of: standard id → domain (see :func:`domain_table`).

    A required item counts in the domain of its first standard; a finding in its standard's
    domain.
    """
    result = evaluate(draft, findings, gold)
    found_ids = {id(item) for item, _ in result.found}
    true_ids = {id(f) for f in result.true_alarms}
    compliant_ids = {id(f) for f, _ in result.on_compliant}

    by_domain: dict[str, Counts] = {}

    def add(domain: str, counts: Counts) -> None:
        by_domain[domain] = by_domain.get(domain, Counts()) + counts

    for item in gold.required:
        add(domain_of(item.standards[0]) if item.standards else UNKNOWN_DOMAIN,
            Counts(required=1, found=int(id(item) in found_ids)))
    for finding in findings:
        add(domain_of(finding.standard_id), Counts(findings=1, true_alarms=int(id(finding) in true_ids)))

    misses = []
    for item in result.missed:
        near = [
            Near(_label(f), f.standard_id, f.detector, list(f.explanation))
            for f in findings
            if f.standard_id in item.standards or (f.provision is not None and f.provision.label == item.provision)
        ]
        misses.append(
            Miss(item.provision, list(item.standards),
                 domain_of(item.standards[0]) if item.standards else UNKNOWN_DOMAIN, item.note, near)
        )
    false_alarms = [
        FalseAlarm(
            provision=_label(f),
            standard_id=f.standard_id,
            domain=domain_of(f.standard_id),
            detector=f.detector,
            quote="; ".join(" ".join(s.quote.split()) for s in f.spans),
            explanation=list(f.explanation),
            on_compliant=id(f) in compliant_ids,
        )
        for f in result.false_alarms
    ]
    return DraftScore(
        name=name,
        draft=gold.draft,
        language=draft.language,
        counts=Counts(len(gold.required), len(result.found), len(findings), len(result.true_alarms)),
        by_domain=dict(sorted(by_domain.items())),
        misses=misses,
        false_alarms=false_alarms,
        on_compliant=[(item.provision, f.standard_id) for f, item in result.on_compliant],
        unknown_labels=list(result.unknown_labels),
    )


def summarise(scores: list[DraftScore], standards: Iterable[str] = ()) -> Summary:
    """Add up draft scores into overall, per-domain and per-language counts (micro-averages)."""
    overall = Counts()
    by_domain: dict[str, Counts] = {}
    by_language: dict[str, Counts] = {}
    for score in scores:
        overall = overall + score.counts
        by_language[score.language] = by_language.get(score.language, Counts()) + score.counts
        for domain, counts in score.by_domain.items():
            by_domain[domain] = by_domain.get(domain, Counts()) + counts
    return Summary(
        drafts=list(scores),
        overall=overall,
        by_domain=dict(sorted(by_domain.items())),
        by_language=dict(sorted(by_language.items())),
        standards=sorted(standards),
    )


SCHEMA = "rightscheck-eval/1"


def summary_to_json(summary: Summary) -> dict:
    """The summary as a JSON-ready mapping (the ``rightscheck eval --json`` format).

    Shape: ``{"schema", "standards", "overall": counts, "by_domain": {domain: counts},
    "by_language": {lang: counts}, "drafts": [{"name", "draft", "language", "counts",
    "by_domain", "misses", "false_alarms", "on_compliant", "unknown_labels"}]}``, where
    counts are :meth:`Counts.as_dict`.
    """
    return {
        "schema": SCHEMA,
        "standards": summary.standards,
        "overall": summary.overall.as_dict(),
        "by_domain": {k: v.as_dict() for k, v in summary.by_domain.items()},
        "by_language": {k: v.as_dict() for k, v in summary.by_language.items()},
        "drafts": [
            {
                "name": s.name,
                "draft": s.draft,
                "language": s.language,
                "counts": s.counts.as_dict(),
                "by_domain": {k: v.as_dict() for k, v in s.by_domain.items()},
                "misses": [
                    {"provision": m.provision, "standards": m.standards, "domain": m.domain, "note": m.note,
                     "near": [vars(n) for n in m.near]}
                    for m in s.misses
                ],
                "false_alarms": [vars(f) for f in s.false_alarms],
                "on_compliant": [{"provision": p, "standard_id": sid} for p, sid in s.on_compliant],
                "unknown_labels": s.unknown_labels,
            }
            for s in summary.drafts
        ],
    }


# --------------------------------------------------------------------------- tables

_COLUMNS = ("required", "found", "recall", "findings", "false", "precision", "F1")


def _row(counts: Counts) -> list[str]:
    return [
        str(counts.required), str(counts.found), f"{counts.recall:.1%}",
        str(counts.findings), str(counts.false_alarms), f"{counts.precision:.1%}", f"{counts.f1:.1%}",
    ]


def _text_table(title: str, rows: dict[str, Counts]) -> list[str]:
    body = [[key] + _row(counts) for key, counts in rows.items()]
    header = [title] + list(_COLUMNS)
    widths = [max(len(r[i]) for r in body + [header]) for i in range(len(header))]
    fmt = lambda r: "  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return [fmt(header)] + [fmt(r) for r in body]


def _markdown_table(title: str, rows: dict[str, Counts]) -> list[str]:
    header = [title] + list(_COLUMNS)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * len(_COLUMNS)) + "|"]
    lines += ["| " + " | ".join([key] + _row(counts)) + " |" for key, counts in rows.items()]
    return lines


def _with_total(rows: dict[str, Counts], total: Counts) -> dict[str, Counts]:
    return {**rows, "all": total}


def render_text(summary: Summary, verbose: bool = False) -> str:
    """Terminal tables: per draft (by domain, misses, false alarms), then overall.

    With ``verbose`` each false alarm and each miss's nearby findings carry the detector's
    explanation.
    """
    lines: list[str] = []
    for score in summary.drafts:
        lines.append(f"{score.name}  [{score.language}]  recall {score.counts.recall:.0%}  "
                     f"precision {score.counts.precision:.0%}  F1 {score.counts.f1:.0%}")
        lines += _text_table("domain", _with_total(score.by_domain, score.counts))
        for miss in score.misses:
            lines.append(f"  MISSED   {miss.provision}: {', '.join(miss.standards)}"
                         + (f"  ({miss.note})" if miss.note else ""))
            for near in miss.near:
                lines.append(f"           near: {near.provision} {near.standard_id} ({near.detector})")
                if verbose:
                    lines += [f"             {step}" for step in near.explanation]
        for alarm in score.false_alarms:
            flag = "COMPLIANT-FLAGGED" if alarm.on_compliant else "FALSE   "
            lines.append(f"  {flag} {alarm.provision}: {alarm.standard_id} ({alarm.detector}) «{alarm.quote[:90]}»")
            if verbose:
                lines += [f"             {step}" for step in alarm.explanation]
        for provision, standard_id in score.on_compliant:
            if not any(a.on_compliant and a.provision == provision and a.standard_id == standard_id
                       for a in score.false_alarms):
                lines.append(f"  COMPLIANT-FLAGGED {provision}: {standard_id} (matches an expected item too)")
        for label in score.unknown_labels:
            lines.append(f"  UNKNOWN LABEL in gold: {label}")
        lines.append("")
    restriction = f" (standards: {', '.join(summary.standards)})" if summary.standards else ""
    lines.append(f"Overall, {len(summary.drafts)} draft files{restriction}")
    lines += _text_table("domain", _with_total(summary.by_domain, summary.overall))
    lines.append("")
    lines += _text_table("language", _with_total(summary.by_language, summary.overall))
    return "\n".join(lines) + "\n"


def render_markdown(summary: Summary) -> str:
    """Markdown tables for ``docs/evaluation.md``: per draft, overall by domain and language,
    then the misses and false alarms (one line each, with the detector)."""
    per_draft = {f"`{Path(s.name).name}` ({s.language})": s.counts for s in summary.drafts}
    lines = ["### Per draft", ""] + _markdown_table("draft", _with_total(per_draft, summary.overall))
    lines += ["", "### Overall by domain", ""] + _markdown_table("domain", _with_total(summary.by_domain, summary.overall))
    lines += ["", "### Overall by language", ""] + _markdown_table("language", _with_total(summary.by_language, summary.overall))
    lines += ["", "### Misses", ""]
    misses = [(s, m) for s in summary.drafts for m in s.misses]
    if not misses:
        lines.append("None.")
    for score, miss in misses:
        near = "; ".join(sorted({f"{n.standard_id} at {n.provision}" for n in miss.near})) or "no finding of these standards"
        lines.append(f"- `{Path(score.name).name}` {miss.provision} — {', '.join(miss.standards)}"
                     + (f" ({miss.note})" if miss.note else "") + f". Near: {near}.")
    lines += ["", "### False alarms", ""]
    alarms = [(s, a) for s in summary.drafts for a in s.false_alarms]
    if not alarms:
        lines.append("None.")
    for score, alarm in alarms:
        mark = " **on a compliant provision**" if alarm.on_compliant else ""
        lines.append(f"- `{Path(score.name).name}` {alarm.provision} — {alarm.standard_id} "
                     f"(`{alarm.detector}`){mark}: «{alarm.quote[:100]}»")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- running

DRAFT_SUFFIXES = (".txt", ".docx", ".pdf")


def gold_path_for(draft: Path) -> Path | None:
    """The gold file of a draft: ``name.gold.yaml`` beside ``name.txt`` or ``name.<lang>.txt``."""
    stem = draft.name.split(".")[0]
    candidate = draft.with_name(f"{stem}.gold.yaml")
    return candidate if candidate.is_file() else None


def _file_language(path: Path) -> str | None:
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 and len(parts[-2]) == 2 else None


def collect_drafts(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """``(draft file, gold file)`` pairs for the given files and folders, sorted per folder.

    A folder contributes every ``.txt``/``.docx``/``.pdf`` with a gold file beside it, except
    ``name.<lang>.txt`` files whose gold lists ``languages`` without that language, and
    except a ``.docx``/``.pdf`` that has a ``.txt`` of the same name beside it: that is the
    same draft in another format, and counting it twice would weigh it double in the
    figures. A file given by name must have a gold file. Raises :class:`InputError` for a missing path or a
    file without gold.
    """
    pairs: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.iterdir()):
                gold = gold_path_for(candidate) if candidate.suffix in DRAFT_SUFFIXES else None
                if gold is None or (candidate.suffix != ".txt" and candidate.with_suffix(".txt").is_file()):
                    continue
                lang = _file_language(candidate)
                if lang is not None:
                    languages = load_gold(gold).languages
                    if languages and lang not in languages:
                        continue
                pairs.append((candidate, gold))
        elif path.is_file():
            gold = gold_path_for(path)
            if gold is None:
                raise InputError(f"{path}: no gold file beside it ({path.name.split('.')[0]}.gold.yaml)",
                                 "a draft with a <name>.gold.yaml beside it")
            pairs.append((path, gold))
        else:
            raise InputError(f"no such file or folder: {path}", "draft files or folders of drafts")
    return pairs


def run_evaluation(paths: Iterable[Path], only: Iterable[str] = (), engine=None) -> Summary:
    """Check each draft under ``paths`` and score it against its gold (see :func:`collect_drafts`).

    ``only`` restricts scoring to those standard ids; ``engine`` defaults to the bundled
    catalogue's. Raises :class:`InputError` for a missing path, a draft without gold, a
    malformed gold file or an unreadable draft.
    """
    from checker.engine import default_engine
    from checker.pipeline import build_report, load_document, parse_draft

    engine = engine or default_engine()
    domain_of = domain_table({sid: s.domain.value for sid, s in engine.catalogue.standards.items()})
    only = list(only)
    scores = []
    for draft_path, gold_path in collect_drafts(paths):
        gold = load_gold(gold_path)
        try:
            draft = parse_draft(load_document(draft_path))
        except InputError as exc:
            raise InputError(f"{draft_path}: {exc.message}", exc.accepted) from None
        findings = build_report(draft, engine=engine).findings
        gold, findings = restrict(gold, findings, only)
        scores.append(score_draft(str(draft_path), draft, findings, gold, domain_of))
    return summarise(scores, only)


# --------------------------------------------------------------------------- floors

FLOOR_MARGIN = 0.03  # overall totals: several hundred items, so a few misses of slack
DRAFT_FLOOR_MARGIN = 0.05  # one draft: 20-40 items, so about one item of slack


def _floor(value: float, margin: float) -> float:
    """``value - margin`` rounded down to two places, never below 0."""
    return max(0.0, int((value - margin) * 100 + 1e-9) / 100)


def suggest_floors(summary: Summary, margin: float = FLOOR_MARGIN, draft_margin: float = DRAFT_FLOOR_MARGIN) -> dict:
    """Floors a regression guard can keep: each figure minus a margin, rounded down.

    Returns ``{"overall": {"recall", "precision"}, "drafts": {file name: {"recall",
    "precision"}}}``: totals less ``margin``, each draft's figures less ``draft_margin``
    (file names without folders, so the floors hold in any checkout).
    """
    return {
        "overall": {"recall": _floor(summary.overall.recall, margin), "precision": _floor(summary.overall.precision, margin)},
        "drafts": {
            Path(s.name).name: {"recall": _floor(s.counts.recall, draft_margin),
                                "precision": _floor(s.counts.precision, draft_margin)}
            for s in summary.drafts
        },
    }


def below_floors(summary: Summary, overall: Mapping[str, float], drafts: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Figures of ``summary`` under their floors, one line each (empty when all hold).

    ``overall`` maps "recall" / "precision" to the floor of the summary's totals; ``drafts``
    maps a draft file name to its own floors. Drafts of the summary without floors are only
    counted in the totals; floors of drafts not in the summary are ignored.
    """
    problems = []
    for figure in ("recall", "precision"):
        value, floor = getattr(summary.overall, figure), overall.get(figure)
        if floor is not None and value < floor:
            problems.append(f"overall {figure} {value:.1%} is below its floor {floor:.0%}")
    for score in summary.drafts:
        own = drafts.get(Path(score.name).name, {})
        for figure in ("recall", "precision"):
            value, floor = getattr(score.counts, figure), own.get(figure)
            if floor is not None and value < floor:
                problems.append(f"{Path(score.name).name} {figure} {value:.1%} is below its floor {floor:.0%}")
    return problems

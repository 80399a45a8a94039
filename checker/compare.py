"""Comparing two versions of a draft: which concerns were resolved, persist, changed, or are new.

The question a lawyer asks of a revised draft is the one a recommendation-implementation
review answers: of the concerns raised on the first version, how many were addressed? Articles
are often renumbered, merged or split between versions, so findings cannot be matched by eId.

1. **Align provisions** by the similarity of their normalised text (lower case, numbering and
   article headings stripped): candidates come from TF-IDF cosine over character n-grams
   (scikit-learn), scored by ``difflib.SequenceMatcher`` ratio with a small bonus for the same
   eId and for a similar position in the draft; pairs of at least :data:`MATCH_THRESHOLD`
   are taken one-to-one, best first. A provision left over whose text is mostly contained in
   a provision of the other version is linked to it as well: an article split into two aligns
   to both (``split``), two merged into one align to it (``merged``).
2. **Follow each finding.** An old finding is *resolved* when no provision aligned to its
   provision carries a finding of the same standard; *persists* when one does and the quoted
   words are the same or nearly (word-by-word ratio ≥ :data:`SAME_WORDS`); *changed* (partly addressed)
   when one does but the quoted words differ. A new finding that no old finding follows is
   *new*. Whole-draft (absence) findings follow each other by standard.

All models here are pydantic and versioned (:data:`COMPARISON_SCHEMA_VERSION`), like the
report.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, Field

from checker.models import Domain, DraftSummary, Finding, ProvisionRef, Report, Severity

COMPARISON_SCHEMA_VERSION = "1.0"
"""Version of the comparison's JSON format (``MAJOR.MINOR``, the report's rules)."""

MATCH_THRESHOLD = 0.5
"""Least similarity (0–1) for two provisions to be aligned one-to-one."""

CONTAINED = 0.8
"""Least share of a left-over provision's text found in a provision of the other version for
the two to be linked as a split or a merge."""

SAME_WORDS = 0.9
"""Least similarity of the quoted words (compared word by word) for a finding to *persist*
rather than *change*: one word in ten may differ, so "twelve working days" → "eight working
days" is a change."""

Status = Literal["resolved", "persists", "changed", "new"]
Relation = Literal["same", "split", "merged"]


class ProvisionLink(BaseModel):
    """Two provisions aligned across versions.

    ``similarity`` is the ``SequenceMatcher`` ratio of their normalised texts (0–1);
    ``relation`` is ``same`` for a one-to-one match, ``split`` when the old provision's text
    was divided and this new provision holds part of it, ``merged`` when this old provision's
    text went into a new provision that also holds another's.
    """

    old_eid: str
    old_label: str
    new_eid: str
    new_label: str
    similarity: float = Field(ge=0.0, le=1.0)
    relation: Relation


class ComparedFinding(BaseModel):
    """A finding of either version and what became of it.

    ``old`` is the finding in the old version (None for a ``new`` one), ``new`` the finding
    that follows it in the new version (None when ``resolved``); ``explanation`` says why,
    in one sentence.
    """

    status: Status
    standard_id: str
    title: str
    domain: Domain
    severity: Severity
    old: Finding | None
    new: Finding | None
    explanation: str


class ComparisonSummary(BaseModel):
    """Counts: ``concerns`` = findings of the old version = ``persists + changed + resolved``;
    ``new`` = findings only in the new version."""

    concerns: int
    persists: int
    changed: int
    resolved: int
    new: int

    @property
    def sentence(self) -> str:
        """``Of 20 concerns, 18 persist, 2 partly addressed, 0 resolved; 1 new concern.``"""
        return (
            f"Of {self.concerns} concern{'' if self.concerns == 1 else 's'}, "
            f"{self.persists} persist{'s' if self.persists == 1 else ''}, "
            f"{self.changed} partly addressed, {self.resolved} resolved; "
            f"{self.new} new concern{'' if self.new == 1 else 's'}."
        )


class VersionInfo(BaseModel):
    """One of the two versions compared: what was checked, when, against which catalogue."""

    draft: DraftSummary
    generated_at: datetime
    catalogue_version: str
    findings: int


class Comparison(BaseModel):
    """The comparison of two versions of a draft (JSON: ``model_dump_json``).

    ``findings`` lists every old finding (resolved, persists or changed, in the old draft's
    order) and then every new one (in the new draft's order); ``alignment`` the aligned
    provisions; ``removed`` old provisions aligned to nothing, ``added`` new ones aligned to
    nothing. ``same_catalogue`` is False when the two reports were made with different
    catalogue versions (then a status may reflect the catalogue, not the draft).
    """

    schema_version: str = COMPARISON_SCHEMA_VERSION
    tool: str = "rightscheck"
    tool_version: str
    generated_at: datetime
    old: VersionInfo
    new: VersionInfo
    same_catalogue: bool
    summary: ComparisonSummary
    findings: list[ComparedFinding]
    alignment: list[ProvisionLink]
    removed: list[ProvisionRef]
    added: list[ProvisionRef]


# --------------------------------------------------------------------------- alignment

_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:article|section|статья|глава|chapter)\s+\d+[.:]?[^\n]*\n|"
    r"\(?(?:\d+|[a-zа-я]{1,3})[.)]\s+)",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w%]+")


def normalise(text: str) -> str:
    """Provision text for comparison: leading numbering ("1.", "2)", "(a)") and an article
    heading line removed, lower case, punctuation and runs of spaces as one space.

    >>> normalise("Article 14. Spontaneous events\\n1) Events held   WITHOUT notice; are banned.")
    'events held without notice are banned'
    """
    previous = None
    text = text.strip()
    while previous != text:
        previous = text
        text = _LEADING_NUMBER.sub("", text, count=1).strip()
    return _NON_WORD.sub(" ", text.lower()).strip()


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _contained(part: str, whole: str) -> float:
    """Share of ``part``'s characters found, in order, in ``whole`` (0–1)."""
    if not part:
        return 0.0
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 4) / len(part)


def _candidates(old: list[str], new: list[str], k: int = 6) -> list[list[int]]:
    """For each old text, the indices of the ``k`` most similar new texts (TF-IDF cosine on
    character 2–4-grams)."""
    if not old or not new:
        return [[] for _ in old]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(old + new)
    except ValueError:  # only empty texts
        return [[] for _ in old]
    sims = (matrix[: len(old)] @ matrix[len(old):].T).toarray()
    return [list(row.argsort()[::-1][:k]) for row in sims]


def align_provisions(old: list[ProvisionRef], new: list[ProvisionRef]) -> list[ProvisionLink]:
    """Align the provisions of two versions (see the module's description).

    Args:
        old, new: each version's checked provisions (``Report.provisions``), in draft order.

    Returns:
        links: one ``same`` link per one-to-one match (each provision in at most one), plus
        ``split`` / ``merged`` links for left-over provisions contained in the other
        version's; ordered by the old provision's position, then the new one's.
    """
    old_norm = [normalise(p.text) for p in old]
    new_norm = [normalise(p.text) for p in new]
    candidates = _candidates(old_norm, new_norm)
    scored: list[tuple[float, float, int, int]] = []
    for i, cands in enumerate(candidates):
        same_eid = [j for j, p in enumerate(new) if p.eid == old[i].eid]
        for j in dict.fromkeys(list(cands) + same_eid):
            if not old_norm[i] or not new_norm[j]:
                continue
            ratio = _ratio(old_norm[i], new_norm[j])
            if ratio < MATCH_THRESHOLD:
                continue
            shift = abs(i / max(len(old), 1) - j / max(len(new), 1))
            rank = ratio + (0.02 if old[i].eid == new[j].eid else 0.0) - 0.05 * shift
            scored.append((rank, ratio, i, j))
    scored.sort(key=lambda item: (-item[0], item[2], item[3]))
    old_used: dict[int, int] = {}
    new_used: dict[int, int] = {}
    links: list[tuple[int, int, float, Relation]] = []
    for _, ratio, i, j in scored:
        if i in old_used or j in new_used:
            continue
        old_used[i], new_used[j] = j, i
        links.append((i, j, ratio, "same"))
    for j, text in enumerate(new_norm):
        if j in new_used or len(text) < 20:
            continue
        best = max(range(len(old)), key=lambda i: _contained(text, old_norm[i]), default=None)
        if best is not None and _contained(text, old_norm[best]) >= CONTAINED:
            links.append((best, j, _ratio(old_norm[best], text), "split"))
            new_used[j] = best
    for i, text in enumerate(old_norm):
        if i in old_used or len(text) < 20:
            continue
        best = max(range(len(new)), key=lambda j: _contained(text, new_norm[j]), default=None)
        if best is not None and _contained(text, new_norm[best]) >= CONTAINED:
            links.append((i, best, _ratio(text, new_norm[best]), "merged"))
            old_used[i] = best
    links.sort(key=lambda item: (old[item[0]].start, new[item[1]].start))
    return [
        ProvisionLink(
            old_eid=old[i].eid,
            old_label=old[i].label,
            new_eid=new[j].eid,
            new_label=new[j].label,
            similarity=round(min(max(ratio, 0.0), 1.0), 3),
            relation=relation,
        )
        for i, j, ratio, relation in links
    ]


# --------------------------------------------------------------------------- findings


def _provisions(report: Report) -> list[ProvisionRef]:
    """The checked provisions and every provision a finding is about (an article's or a
    paragraph's own words, before its subparagraphs, can carry a finding too), in draft order."""
    refs = {p.eid: p for p in report.provisions}
    for finding in report.findings:
        if finding.provision is not None and not finding.absence:
            refs.setdefault(finding.provision.eid, finding.provision)
    return sorted(refs.values(), key=lambda p: (p.start, -p.end, p.eid))


_WORD = re.compile(r"\w+")


def _quotes(finding: Finding) -> list[str]:
    """The words a finding quotes, lower case, spans in draft order."""
    words: list[str] = []
    for span in sorted(finding.spans, key=lambda s: (s.start, s.end)):
        words.extend(_WORD.findall(span.quote.lower()))
    return words


def words_similarity(a: list[str], b: list[str]) -> float:
    """Similarity of two word sequences (``SequenceMatcher`` ratio over words, 0–1); 1 when
    both are empty.

    >>> words_similarity("no later than twelve working days".split(), "no later than eight working days".split())
    0.8333333333333334
    """
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _where(finding: Finding) -> str:
    return finding.provision.label if finding.provision is not None else "the draft as a whole"


def _order(finding: Finding) -> tuple:
    return (
        0 if finding.provision is None else 1,
        finding.provision.start if finding.provision is not None else 0,
        -finding.severity.rank,
        finding.standard_id,
    )


def _entry(status: Status, old: Finding | None, new: Finding | None, explanation: str) -> ComparedFinding:
    base = old or new
    return ComparedFinding(
        status=status,
        standard_id=base.standard_id,
        title=base.title,
        domain=base.domain,
        severity=(new or old).severity,
        old=old,
        new=new,
        explanation=explanation,
    )


def compare_reports(old: Report, new: Report) -> Comparison:
    """Compare the reports of two versions of a draft.

    Args:
        old: the report of the earlier version.
        new: the report of the revised version.

    Returns:
        a :class:`Comparison` with a status for every finding of either version and the
        provision alignment it relied on.

    Raises:
        TypeError: either argument is not a :class:`~checker.models.Report`.
    """
    from checker import __version__

    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Report):
            raise TypeError(f"{name}: expected a checker.models.Report, got {type(value).__name__}")
    links = align_provisions(_provisions(old), _provisions(new))
    aligned: dict[str, list[str]] = {}
    for link in links:
        aligned.setdefault(link.old_eid, []).append(link.new_eid)

    new_by_place: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in new.findings:
        eid = finding.provision.eid if finding.provision is not None and not finding.absence else None
        new_by_place.setdefault((eid, finding.standard_id), []).append(finding)

    followed: set[str] = set()
    entries: list[ComparedFinding] = []
    for finding in sorted(old.findings, key=_order):
        where = _where(finding)
        if finding.absence or finding.provision is None:
            candidates = new_by_place.get((None, finding.standard_id), [])
            if candidates:
                followed.add(candidates[0].id)
                entries.append(_entry("persists", finding, candidates[0],
                                      "The revised draft still lacks this safeguard."))
            else:
                entries.append(_entry("resolved", finding, None,
                                      "The revised draft no longer lacks this safeguard."))
            continue
        targets = aligned.get(finding.provision.eid, [])
        candidates = [g for eid in targets for g in new_by_place.get((eid, finding.standard_id), [])]
        if not targets:
            entries.append(_entry("resolved", finding, None,
                                  f"{where} has no counterpart in the revised draft: it was removed or rewritten."))
            continue
        if not candidates:
            labels = ", ".join(dict.fromkeys(
                next(p.label for p in new.provisions if p.eid == eid) for eid in targets))
            entries.append(_entry("resolved", finding, None,
                                  f"{where} corresponds to {labels} in the revised draft, which no longer "
                                  f"conflicts with {finding.standard_id}."))
            continue
        quotes = _quotes(finding)
        best = max(candidates, key=lambda g: (words_similarity(quotes, _quotes(g)), g.id not in followed))
        followed.add(best.id)
        similarity = words_similarity(quotes, _quotes(best))
        moved = "" if best.provision.label == finding.provision.label else f" (now {best.provision.label})"
        if similarity >= SAME_WORDS:
            entries.append(_entry("persists", finding, best,
                                  f"{where}{moved} still conflicts with {finding.standard_id} in the same words."))
        else:
            entries.append(_entry("changed", finding, best,
                                  f"{where}{moved} still conflicts with {finding.standard_id}, but its words "
                                  f"changed: partly addressed."))
    for finding in sorted(new.findings, key=_order):
        if finding.id in followed:
            continue
        entries.append(_entry("new", None, finding,
                              f"{_where(finding)} of the revised draft conflicts with {finding.standard_id}; "
                              "the earlier version did not."))

    counts = {status: sum(1 for e in entries if e.status == status)
              for status in ("persists", "changed", "resolved", "new")}
    linked_old = {link.old_eid for link in links}
    linked_new = {link.new_eid for link in links}
    return Comparison(
        tool_version=__version__,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0),
        old=VersionInfo(draft=old.draft, generated_at=old.generated_at,
                        catalogue_version=old.catalogue_version, findings=len(old.findings)),
        new=VersionInfo(draft=new.draft, generated_at=new.generated_at,
                        catalogue_version=new.catalogue_version, findings=len(new.findings)),
        same_catalogue=old.catalogue_version == new.catalogue_version,
        summary=ComparisonSummary(concerns=len(old.findings), **counts),
        findings=entries,
        alignment=links,
        removed=[p for p in old.provisions if p.eid not in linked_old],
        added=[p for p in new.provisions if p.eid not in linked_new],
    )


def compare(
    old: str | os.PathLike | bytes,
    new: str | os.PathLike | bytes,
    *,
    lang: str = "auto",
    min_severity: Severity | str = Severity.low,
    country: str | None = None,
    engine=None,
    old_filename: str | None = None,
    new_filename: str | None = None,
) -> Comparison:
    """Check two versions of a draft with the same catalogue and compare them.

    Args:
        old, new: each a path, the bytes of an uploaded file (give ``*_filename``), or the
            draft's text — as :func:`checker.pipeline.check` takes them.
        lang, min_severity, country, engine: as for :func:`checker.pipeline.check`.

    Raises:
        InputError: either version cannot be read or checked.
    """
    from checker.engine import default_engine
    from checker.pipeline import check

    engine = engine or default_engine()
    old_report = check(old, lang=lang, min_severity=min_severity, filename=old_filename,
                       engine=engine, country=country)
    new_report = check(new, lang=lang, min_severity=min_severity, filename=new_filename,
                       engine=engine, country=country)
    return compare_reports(old_report, new_report)

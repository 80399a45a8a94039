"""The engine: every detector of every standard over every provision of a draft.

For each language the engine builds, once, the spaCy pipeline and one Matcher holding the
phrases of all detectors. Checking a draft is then one pipeline pass over the whole text,
one Matcher pass, and a walk over the draft's units; hits on the same provision and standard
are merged, a finding on a provision is dropped when a more specific provision inside it has
a finding for the same standard, and cross-referenced provisions are attached.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from checker.detectors import BUILDERS, DraftContext, Hit, MatchIndex, PhraseBook, PhraseError, Unit
from checker.detectors.absence import CompiledAbsence
from checker.detectors.base import Segment
from checker.detectors.similarity import ExampleSpace
from checker.errors import StandardsError
from checker.models import (
    CitationRef,
    Draft,
    Finding,
    Language,
    Provision,
    ProvisionRef,
    Severity,
    Span,
)
from checker.nlp import get_pipeline, lemmatize_word
from checker.nlp.sentences import sentence_bounds
from checker.nlp.terms import term_steps
from standards.model import Catalogue, Standard

_HEADED = {"article", "chapter", "section", "part"}


def build_units(draft: Draft) -> list[Unit]:
    """The checkable units of ``draft``: one per leaf provision, in document order.

    Each unit reads its ancestors' own text (without heading lines) before its own.
    """
    definition_eids = {d.provision_eid for d in draft.definitions}
    units: list[Unit] = []

    def own(provision: Provision) -> list[Segment]:
        segments = []
        for start, end in provision.own_segments():
            if start == provision.start and provision.heading and provision.kind in _HEADED:
                newline = draft.text.find("\n", start, end)
                start = end if newline < 0 else newline + 1
            if draft.text[start:end].strip():
                segments.append(Segment(start, end, provision))
        return segments

    def visit(provision: Provision, chain: list[Provision], inherited: list[Segment]) -> None:
        chain = chain + [provision]
        segments = inherited + own(provision)
        if not provision.children:
            if any(s.provision is provision for s in segments):
                units.append(
                    Unit(
                        provision=provision,
                        chain=chain,
                        segments=segments,
                        is_definition=provision.eid in definition_eids,
                        is_preamble=provision.kind == "preamble",
                    )
                )
            return
        lead_in = [s for s in own(provision) if s.end <= provision.children[0].start]
        for child in provision.children:
            visit(child, chain, inherited + lead_in)

    for top in draft.provisions:
        visit(top, [], [])
    return units


def _unit_languages(draft: Draft, units: list[Unit]) -> list[str]:
    """The language ("en" or "ru") each unit is read in: that of the source block where the
    provision's own text starts; blocks in any other language count as the draft's."""
    from checker.nlp.language import detect_block_languages

    blocks = draft.document.blocks
    block_languages = detect_block_languages(draft.document)
    if set(block_languages) <= {draft.language}:
        return [draft.language] * len(units)
    block_starts = [b.start for b in blocks]
    languages = []
    for unit in units:
        own = next((s for s in unit.segments if s.provision is unit.provision), unit.segments[-1])
        i = bisect.bisect_right(block_starts, own.start) - 1
        lang = block_languages[i] if i >= 0 else draft.language
        languages.append(lang if lang in ("en", "ru") else draft.language)
    return languages


def provision_ref(draft: Draft, provision: Provision) -> ProvisionRef:
    """The printable reference to ``provision``, with page and paragraph of its source block."""
    block = draft.document.block_at(provision.start)
    return ProvisionRef(
        eid=provision.eid,
        label=provision.label,
        label_local=provision.label_local,
        heading=provision.heading,
        text=draft.text[provision.start : provision.end].strip(),
        start=provision.start,
        end=provision.end,
        page=block.page if block else None,
        paragraph=block.paragraph if block else None,
    )


def citation_refs(catalogue: Catalogue, standard: Standard) -> list[CitationRef]:
    """The printable citations of ``standard``, each joined with its source document.

    In the catalogue's order, except that sources addressed to one State (concluding
    observations, mission reports: ``Source.country``) come after the general ones, so the
    lead citation of a finding is the treaty or general comment whatever the draft's country.
    """
    refs = []
    ordered = sorted(standard.citations, key=lambda c: catalogue.sources[c.source].country is not None)
    for citation in ordered:
        source = catalogue.sources[citation.source]
        refs.append(
            CitationRef(
                source=source.id,
                title=source.title,
                cite_as=source.cite_as or source.symbol or source.id,
                symbol=source.symbol,
                url=source.url,
                unit=source.pinpoint_unit,
                paragraphs=citation.paragraphs,
                locator=citation.locator,
                verified=citation.verified,
            )
        )
    return refs


@dataclass
class _LanguageSetup:
    nlp: object
    book: PhraseBook
    detectors: list


class Engine:
    """Runs a catalogue's detectors over drafts.

    Compiling a language's detectors takes a fraction of a second and happens on first use;
    keep one Engine per process (see :func:`default_engine`).

    ``pipeline`` names an installed trained spaCy package to read drafts with instead of the
    built-in blank pipeline (see :func:`checker.nlp.get_pipeline`).

    Raises :class:`StandardsError` (naming the standard file and detector) when a phrase of
    the catalogue does not compile, and :class:`InputError` when ``pipeline`` is not installed
    or is for another language than a draft's.
    """

    def __init__(self, catalogue: Catalogue, only: set[str] | None = None, pipeline: str | None = None) -> None:
        self.catalogue = catalogue
        self.only = only
        self.pipeline = pipeline
        self._setups: dict[str, _LanguageSetup] = {}

    def _standards(self) -> list[Standard]:
        return [s for s in self.catalogue.standards.values() if self.only is None or s.id in self.only]

    def setup(self, lang: Language) -> _LanguageSetup:
        """The compiled detectors of ``lang`` (built on first call)."""
        if lang in self._setups:
            return self._setups[lang]
        nlp = get_pipeline(lang, self.pipeline)
        # the examples of every standard, for similarity detectors (vectorised on first use)
        book = PhraseBook(nlp, lang, ExampleSpace.from_standards(self.catalogue.standards.values(), lang))
        detectors = []
        for standard in self._standards():
            for spec in standard.detectors:
                if getattr(spec, "lang", lang) != lang:
                    continue
                try:
                    detectors.append(BUILDERS[spec.kind](standard, spec, book))
                except PhraseError as exc:
                    path = self.catalogue.paths.get(standard.id, f"{standard.id}.yaml")
                    raise StandardsError(path, [(f"detectors.{spec.id}", str(exc))]) from None
        self._setups[lang] = _LanguageSetup(nlp, book, detectors)
        return self._setups[lang]

    def run(self, draft: Draft, min_severity: Severity = Severity.low) -> list[Finding]:
        """Findings for ``draft``, sorted by position in the draft (whole-draft findings first).

        Each provision is read in the language of its own text: in a mixed draft (an English
        draft quoting a Russian article, say) the provisions in the other language are
        checked by that language's detectors; whole-draft (absence) detectors run in the
        draft's main language only.
        """
        units = build_units(draft)
        unit_languages = _unit_languages(draft, units)
        segments = sorted((s for u in units for s in u.segments), key=lambda s: s.start)
        starts = [s.start for s in segments]

        def label_of(offset: int) -> str:
            i = bisect.bisect_right(starts, offset) - 1
            while i >= 0:
                if segments[i].start <= offset < segments[i].end:
                    return segments[i].provision.label
                i -= 1
            return "The draft"

        hits: list[Hit] = []
        main_doc = None
        languages = [draft.language] + sorted(set(unit_languages) - {draft.language})
        for lang in languages:
            setup = self.setup(lang)  # type: ignore[arg-type]
            doc = setup.nlp(draft.text)
            if lang == draft.language:
                main_doc = doc
            context = DraftContext(
                draft=draft,
                units=[u for u, unit_lang in zip(units, unit_languages) if unit_lang == lang],
                matches=MatchIndex(setup.book.match(doc)),
                quantities=sorted(doc._.quantities or [], key=lambda q: q.start),
                label_of=label_of,
                # where a sentence, list item or line ends (not after "Art.", "ст." or a list number)
                sentence_bounds=sentence_bounds(draft.text, lang, clauses=True),  # type: ignore[arg-type]
            )
            for detector in setup.detectors:
                if lang != draft.language and isinstance(detector, CompiledAbsence):
                    continue
                hits.extend(detector.run(context))
        findings = self._to_findings(draft, hits)
        _add_where_terms_apply(draft, main_doc, units, findings)
        return [f for f in findings if f.severity.rank >= min_severity.rank]

    # ----------------------------------------------------------------- hits → findings

    def _to_findings(self, draft: Draft, hits: list[Hit]) -> list[Finding]:
        merged: dict[tuple[str, str], list[Hit]] = {}
        for hit in hits:
            eid = hit.provision.eid if hit.provision else "__draft"
            merged.setdefault((hit.standard_id, eid), []).append(hit)

        # a finding on a provision yields to findings of the same standard inside it
        by_standard: dict[str, list[Provision]] = {}
        for group in merged.values():
            if group[0].provision is not None:
                by_standard.setdefault(group[0].standard_id, []).append(group[0].provision)

        def superseded(standard_id: str, provision: Provision) -> bool:
            return any(
                other is not provision and provision.start <= other.start and other.end <= provision.end
                and (other.start, other.end) != (provision.start, provision.end)
                for other in by_standard.get(standard_id, [])
            )

        findings: list[Finding] = []
        for (standard_id, eid), group in merged.items():
            provision = group[0].provision
            if provision is not None and superseded(standard_id, provision):
                continue
            if provision is None:
                group = [h for h in group if not (h.yields_to_provisions and standard_id in by_standard)]
                if not group:
                    continue
            standard = self.catalogue.standards[standard_id]
            spans = sorted({s for hit in group for s in hit.spans})
            steps: list[str] = []
            for hit in group:
                for step in hit.steps:
                    if step not in steps:
                        steps.append(step)
            # vague terms and discretionary grants among the quoted words, from the terms lexicon
            steps += [s for s in term_steps([draft.text[a:b] for a, b in spans], draft.language, standard_id) if s not in steps]
            related: list[ProvisionRef] = []
            if provision is not None:
                for ref in draft.cross_references:
                    if provision.start <= ref.start < provision.end:
                        for target_eid in ref.target_eids:
                            target = draft.find(target_eid)
                            if target is not None and all(r.eid != target.eid for r in related):
                                related.append(provision_ref(draft, target))
                                steps.append(
                                    f"It refers to {target.label} (“{ref.text}”), which is quoted below as related."
                                )
            findings.append(
                Finding(
                    id=f"{standard_id}:{eid if provision is not None else 'draft'}",
                    standard_id=standard_id,
                    title=standard.title,
                    domain=standard.domain,
                    severity=standard.severity,
                    confidence=max(hit.confidence for hit in group),
                    provision=provision_ref(draft, provision) if provision else None,
                    absence=provision is None,
                    spans=[Span(start=a, end=b, quote=draft.text[a:b]) for a, b in spans],
                    citations=citation_refs(self.catalogue, standard),
                    explanation=steps,
                    recommendation=standard.recommendation.strip(),
                    detector=", ".join(sorted({hit.detector for hit in group})),
                    related=related,
                )
            )
        findings.sort(
            key=lambda f: (
                -1 if f.provision is None else f.provision.start,
                -f.severity.rank,
                f.standard_id,
            )
        )
        return findings


_TERM_STOP = {"en": {"of", "for", "in", "on", "to", "by", "-", "–", "—"}, "ru": {"для", "в", "на", "по", "с", "-", "–", "—"}}
_MAX_TERM_USES = 6


def _term_head(term: str, lang: Language) -> list[str]:
    """The norms of a defined term's head: "participant of a peaceful assembly" → ["participant"],
    "special place for ..." → ["special", "place"], «участник мирного собрания» → ["участник"]."""
    from checker.nlp.pipeline import _morph

    words = [w.strip(".,;:«»\"'()") for w in term.split()]
    head: list[str] = []
    for word in words:
        if not word or word.lower() in _TERM_STOP[lang]:
            break
        head.append(lemmatize_word(word, lang))
        if lang == "ru" and _morph().parse(word.lower())[0].tag.POS == "NOUN":
            break
    return head


def _add_where_terms_apply(draft: Draft, doc, units: list[Unit], findings: list[Finding]) -> None:
    """For a finding on a definition, name and quote the operative provisions that use the
    defined term: a restriction written into a definition bites wherever the term is used."""
    definitions = {d.provision_eid: d for d in draft.definitions}
    targets = [f for f in findings if f.provision is not None and f.provision.eid in definitions]
    if not targets:
        return
    norms = [t.norm_ for t in doc]
    starts = [t.idx for t in doc]
    operative = [u for u in units if not u.is_definition and not u.is_preamble]
    for finding in targets:
        definition = definitions[finding.provision.eid]
        head = _term_head(definition.term, draft.language)
        if not head:
            continue
        n = len(head)
        positions = [starts[i] for i in range(len(norms) - n + 1) if norms[i : i + n] == head]
        users: list[Provision] = []
        for unit in operative:
            if any(s.provision is unit.provision and s.start <= pos < s.end for s in unit.segments for pos in positions):
                users.append(unit.provision)
            if len(users) >= _MAX_TERM_USES:
                break
        if not users:
            continue
        finding.explanation.append(
            f"The term “{definition.term}” defined here is used in "
            + ", ".join(p.label for p in users)
            + ": what the definition restricts, those provisions restrict too (quoted below as related)."
        )
        for provision in users:
            if all(r.eid != provision.eid for r in finding.related):
                finding.related.append(provision_ref(draft, provision))


_DEFAULT: Engine | None = None


def default_engine() -> Engine:
    """The process-wide engine over the bundled catalogue."""
    global _DEFAULT
    if _DEFAULT is None:
        from standards.loader import default_catalogue

        _DEFAULT = Engine(default_catalogue())
    return _DEFAULT

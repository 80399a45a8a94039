"""The encoded standards, as validated data.

A standard is one YAML file in ``standards/catalogue/`` (schema: docs/standards-format.md);
the documents it cites are in ``standards/sources.yaml``. Detectors are data too: the Python
that runs them lives in :mod:`checker.detectors`, registered by ``kind``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.models import Domain, Language, Severity

# A phrase is written in the rule syntax of checker.detectors.phrases ("permission|approval of
# the ... body"), or given as a raw spaCy Matcher token pattern (a list of token dicts).
Phrase = Union[str, list[dict]]

# who bears a modality, as checker.nlp.modality names them
ActorName = Literal[
    "organiser", "participant", "journalist", "association", "party", "trade_union", "authority", "police",
    "court", "everyone",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """A source document: a treaty, general comment, guidelines, report or judgment."""

    id: str
    title: str
    cite_as: str | None = Field(default=None, description="short name printed in citations; default: symbol or id")
    pinpoint_unit: Literal["para.", "art.", "§"] = "para."
    year: str
    symbol: str | None = None
    url: str | None = None
    note: str | None = None
    country: str | None = Field(
        default=None,
        description="the State a country-specific document addresses (concluding observations, a "
        "mission report); such sources are cited after the general ones",
    )


class Citation(_Strict):
    """A pinpoint citation of a standard.

    ``paragraphs`` are paragraph (or article) numbers of ``source`` as strings ("70",
    "50(c)"); ``locator`` replaces them where the catalogue gives only a section or page.
    ``verified`` copies the catalogue's label: False means the number still has to be
    confirmed against the document.
    """

    source: str
    paragraphs: list[str] = Field(default_factory=list)
    locator: str | None = None
    verified: bool
    note: str | None = None

    @model_validator(mode="after")
    def _has_pinpoint(self) -> "Citation":
        if not self.paragraphs and not self.locator:
            raise ValueError("a citation needs paragraphs or a locator")
        return self


class _DetectorBase(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    explanation: str = Field(min_length=10, description="the legal reasoning in one or two sentences")
    confidence: float = Field(default=0.75, ge=0.0, le=1.0)


class PatternDetector(_DetectorBase):
    """Flags a provision whose words match.

    ``match``: any of these phrases triggers (its words are quoted in the finding);
    ``with_``: every group must also match somewhere in the same provision (a group is a list
    of phrases, any of which satisfies it); ``without``: if any of these matches in the
    provision, nothing is flagged. ``where`` restricts the provisions: ``definitions`` (only
    definitions), ``operative`` (everything else); ``include_preamble`` lets a detector read
    the preamble, which is skipped by default because it has no normative force.
    ``modality`` and ``actor`` keep only matches whose clause (the sentence or list item of
    the matched words, with the lead-in that governs it) states one of these modalities,
    borne by one of these actors (see :mod:`checker.nlp.modality`).
    """

    kind: Literal["pattern"]
    lang: Language
    match: list[Phrase] = Field(min_length=1)
    with_: list[list[Phrase]] = Field(default_factory=list, alias="with")
    without: list[Phrase] = Field(default_factory=list)
    where: Literal["any", "definitions", "operative"] = "any"
    scope: Literal["provision", "sentence"] = Field(
        default="provision", description="where the `with` groups must match: anywhere in the provision, or in the sentence of the matched words"
    )
    include_preamble: bool = False
    modality: list[Literal["obligation", "prohibition", "permission"]] = Field(
        default_factory=list, description="the clause of the matched words must state one of these modalities"
    )
    actor: list[ActorName] = Field(
        default_factory=list, description="a modality of the clause (of the kinds in `modality`, if given) must be borne by one of these actors"
    )

    @field_validator("with_", mode="before")
    @classmethod
    def _groups(cls, value):
        # a bare phrase is a group of one
        return [group if isinstance(group, list) and not (group and isinstance(group[0], dict)) else [group] for group in value or []]


class QuantityCondition(_Strict):
    """A test on an extracted quantity: ``days > 5``, ``value >= 1`` ..."""

    field: Literal["value", "days"] = "value"
    op: Literal["<", "<=", "==", ">=", ">"]
    limit: float


class QuantityDetector(_DetectorBase):
    """Flags a provision with a quantity of ``quantity`` kind that passes ``condition``.

    ``units`` and ``relation`` narrow the quantities considered; ``context`` gives, per
    language, phrase groups that must also match in the provision (as ``with`` above);
    ``without`` phrases, per language, suppress the finding. Quantities are language-neutral,
    so one detector serves English and Russian drafts.
    """

    kind: Literal["quantity"]
    quantity: Literal[
        "participants", "period", "duration", "distance", "time_of_day", "fine", "multiplier",
        "percentage", "money",
    ]
    units: list[str] = Field(default_factory=list)
    comparators: list[Literal["<", "<=", "=", ">=", ">"]] = Field(
        default_factory=list, description="only quantities the law states with one of these comparators"
    )
    relation: Literal["before", "after", "within"] | None = None
    condition: QuantityCondition | None = None
    context: dict[Language, list[list[Phrase]]] = Field(default_factory=dict)
    without: dict[Language, list[Phrase]] = Field(default_factory=dict)
    scope: Literal["provision", "sentence"] = "provision"
    include_preamble: bool = False

    @field_validator("context", mode="before")
    @classmethod
    def _groups(cls, value):
        return {
            lang: [g if isinstance(g, list) and not (g and isinstance(g[0], dict)) else [g] for g in groups or []]
            for lang, groups in (value or {}).items()
        }


class AbsenceDetector(_DetectorBase):
    """Flags the whole draft when a safeguard is missing from it.

    ``applies_if``: per language, phrases at least one of which must occur in the draft for
    the safeguard to be expected (e.g. the draft regulates assemblies); ``present_if``: per
    language, phrases any of which shows the safeguard is there.
    """

    kind: Literal["absence"]
    safeguard: str
    applies_if: dict[Language, list[Phrase]]
    present_if: dict[Language, list[Phrase]]
    confidence: float = Field(default=0.6, ge=0.0, le=1.0)
    min_mentions: int = Field(
        default=1, ge=1, description="how many `applies_if` matches show that the draft really regulates the subject"
    )
    only_if_unflagged: bool = Field(
        default=False,
        description="report the absence only when no provision of the draft is already flagged "
        "for the same standard (the provision-level finding then says it better)",
    )


class SimilarityDetector(_DetectorBase):
    """Flags a provision whose text is close to the standard's own ``flag`` examples.

    The unit text of a provision is compared with the standard's examples of ``lang`` (cosine
    similarity, 0–1); it is flagged when the closest ``flag`` example scores at least
    ``threshold`` and beats the closest ``no_flag`` example by at least ``margin``.
    ``method``: ``tfidf`` (character 3–5-grams, always available) or ``encoder`` (the
    multilingual sentence encoder of the optional ``encoder`` extra; silent, with a warning,
    when not installed); ``cross_lingual`` (encoder only) compares with the examples of the
    other language too. Units shorter than ``min_chars`` characters are not compared.
    Confidence is at most 0.5: closeness of wording is a lead, not a rule match.
    """

    kind: Literal["similarity"]
    lang: Language
    method: Literal["tfidf", "encoder"] = "tfidf"
    threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    margin: float = Field(default=0.1, ge=0.0, le=1.0)
    cross_lingual: bool = False
    min_chars: int = Field(default=40, ge=1)
    where: Literal["any", "definitions", "operative"] = "operative"
    include_preamble: bool = False
    confidence: float = Field(default=0.4, ge=0.0, le=0.5)

    @model_validator(mode="after")
    def _cross_lingual_needs_encoder(self) -> "SimilarityDetector":
        if self.cross_lingual and self.method != "encoder":
            raise ValueError("cross_lingual needs method: encoder (character n-grams do not cross languages)")
        return self


Detector = Annotated[
    Union[PatternDetector, QuantityDetector, AbsenceDetector, SimilarityDetector], Field(discriminator="kind")
]


class Example(_Strict):
    """A clause written for testing: it must (flag) or must not (no_flag) trigger the standard."""

    lang: Language
    text: str = Field(min_length=5)
    scope: Literal["provision", "draft"] = Field(
        default="provision",
        description="provision: judged by the pattern and quantity detectors; draft: the text is a whole "
        "draft, judged by the absence detectors too",
    )
    note: str | None = None


class Examples(_Strict):
    flag: list[Example] = Field(default_factory=list)
    no_flag: list[Example] = Field(default_factory=list)


class Standard(_Strict):
    """One encoded standard (id as in the research catalogue, e.g. ``ASM-NOTIFY-NOT-AUTH``)."""

    id: str = Field(pattern=r"^[A-Z]+(-[A-Z0-9]+)+$")
    title: str
    domain: Domain
    also_domains: list[Domain] = Field(default_factory=list)
    principle: str = Field(min_length=20)
    citations: list[Citation] = Field(min_length=1)
    severity: Severity
    status: Literal["verified", "unverified"]
    recommendation: str = Field(min_length=20)
    compliant_alternative: str = Field(min_length=10)
    detectors: list[Detector] = Field(default_factory=list)
    examples: Examples = Field(default_factory=Examples)

    @model_validator(mode="after")
    def _unique_detector_ids(self) -> "Standard":
        seen: set[tuple[str, str]] = set()
        for detector in self.detectors:
            key = (detector.id, getattr(detector, "lang", "any"))
            if key in seen:
                raise ValueError(f"detector id {detector.id!r} is used twice for the same language")
            seen.add(key)
        return self


class Catalogue(BaseModel):
    """All standards and sources, keyed by id; ``version`` is the catalogue's release."""

    version: str
    sources: dict[str, Source]
    standards: dict[str, Standard]
    paths: dict[str, str] = Field(default_factory=dict, description="the YAML file each standard came from")

"""Scoring findings against a draft's gold file (``<draft>.gold.yaml``).

Matching rules (as in the gold files' header): a finding matches an item when its provision
is the item's provision, lies inside it, or contains it, and its standard is one of the
item's standards; a "whole draft" item matches an absence finding with one of its standards.
A finding that matches no required or optional item is a false alarm. A finding on (or
inside) a ``compliant`` provision is reported separately: it must never happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

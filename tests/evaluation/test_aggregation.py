"""Counts, domains, restriction, per-draft scores and their sums over drafts and languages."""

from __future__ import annotations

import json

import pytest

from checker.evaluation import (
    UNKNOWN_DOMAIN,
    Counts,
    domain_table,
    render_markdown,
    render_text,
    restrict,
    score_draft,
    summarise,
    summary_to_json,
)
from tests.evaluation.conftest import DOMAINS, make_finding


@pytest.mark.parametrize(
    "counts,recall,precision,f1",
    [
        (Counts(required=4, found=3, findings=5, true_alarms=4), 0.75, 0.8, 2 * 0.75 * 0.8 / 1.55),
        (Counts(required=2, found=2, findings=2, true_alarms=2), 1.0, 1.0, 1.0),
        (Counts(required=0, found=0, findings=0, true_alarms=0), 1.0, 1.0, 1.0),  # nothing asked, nothing said
        (Counts(required=3, found=0, findings=0, true_alarms=0), 0.0, 1.0, 0.0),  # silent checker
        (Counts(required=0, found=0, findings=4, true_alarms=0), 1.0, 0.0, 0.0),  # only false alarms
        (Counts(required=3, found=0, findings=2, true_alarms=0), 0.0, 0.0, 0.0),
    ],
)
def test_counts_figures(counts, recall, precision, f1):
    assert counts.recall == pytest.approx(recall)
    assert counts.precision == pytest.approx(precision)
    assert counts.f1 == pytest.approx(f1)
    assert counts.missed == counts.required - counts.found
    assert counts.false_alarms == counts.findings - counts.true_alarms


def test_counts_add_up_as_micro_averages():
    small = Counts(required=1, found=0, findings=1, true_alarms=0)
    large = Counts(required=9, found=9, findings=9, true_alarms=9)
    total = small + large
    assert total == Counts(required=10, found=9, findings=10, true_alarms=9)
    assert total.recall == pytest.approx(0.9)  # not the 0.5 a mean of the two recalls would give
    assert total.as_dict()["false_alarms"] == 1


@pytest.mark.parametrize(
    "standard_id,expected",
    [
        ("ASM-NOTIFY-PERIOD", "assembly"),              # in the catalogue
        ("ASM-NOT-YET-ENCODED", "assembly"),            # its prefix has one domain
        ("MED-NEW", "media"),
        ("X-SOMETHING", "cross-cutting"),
        ("MIX-ONE", UNKNOWN_DOMAIN),                    # prefix shared by two domains
        ("ZZZ-NEW", UNKNOWN_DOMAIN),                    # prefix never seen
        ("nodash", UNKNOWN_DOMAIN),
    ],
)
def test_domain_table(standard_id, expected):
    domain_of = domain_table({**DOMAINS, "MIX-A": "assembly", "MIX-B": "media"})
    assert domain_of(standard_id) == expected


def test_restrict_narrows_items_and_findings(mini_draft, mini_gold):
    findings = [
        make_finding(mini_draft, "Article 1(1)", "ASM-NOTIFY-PERIOD"),
        make_finding(mini_draft, "Article 2(2)", "X-LEGALITY-PRECISION", "cross-cutting"),
    ]
    gold, kept = restrict(mini_gold, findings, ["X-LEGALITY-PRECISION", "ASM-LAST-RESORT"])
    assert [(i.provision, i.standards) for i in gold.required] == [
        ("Article 2(2)", ["X-LEGALITY-PRECISION", "ASM-LAST-RESORT"])
    ]
    assert [(i.provision, i.standards) for i in gold.optional] == [("whole draft", ["ASM-LAST-RESORT"])]
    assert [f.standard_id for f in kept] == ["X-LEGALITY-PRECISION"]
    assert len(mini_gold.required) == 4  # the given gold is left as it was
    assert restrict(mini_gold, findings, []) == (mini_gold, findings)


def _mini_findings(draft):
    return [
        make_finding(draft, None, "ASM-LAST-RESORT"),  # optional absence: a true alarm
        make_finding(draft, "Article 1(1)", "ASM-NOTIFY-PERIOD", quote="fifteen days"),  # found
        make_finding(draft, "Article 1(2)", "ASM-NOTIFY-PERIOD", quote="sources"),  # wrong standard: false
        make_finding(draft, "Article 2", "X-LEGALITY-PRECISION", "cross-cutting",
                     quote="any other case"),  # contains Article 2(2): found
        make_finding(draft, "Article 2(1)", "EXP-VAGUE-DISCORD-OFFENCE", "expression",
                     quote="loudspeakers", detector="pattern:noise"),  # on a compliant provision
    ]


def test_score_draft_counts_and_domains(mini_draft, mini_gold):
    score = score_draft("tessalia.en.txt", mini_draft, _mini_findings(mini_draft), mini_gold, domain_table(DOMAINS))
    assert score.language == "en" and score.draft == "tessalia-gatherings"
    assert score.counts == Counts(required=4, found=2, findings=5, true_alarms=3)
    assert score.by_domain == {
        "assembly": Counts(required=2, found=1, findings=3, true_alarms=2),
        "cross-cutting": Counts(required=1, found=1, findings=1, true_alarms=1),
        "expression": Counts(required=0, found=0, findings=1, true_alarms=0),
        "media": Counts(required=1, found=0, findings=0, true_alarms=0),
    }
    assert [(m.provision, m.domain) for m in score.misses] == [("Article 1(2)", "assembly"), ("Article 3", "media")]
    assert score.on_compliant == [("Article 2(1)", "EXP-VAGUE-DISCORD-OFFENCE")]
    assert not score.unknown_labels


def test_misses_show_nearby_findings_and_false_alarms_their_explanation(mini_draft, mini_gold):
    score = score_draft("tessalia.en.txt", mini_draft, _mini_findings(mini_draft), mini_gold, domain_table(DOMAINS))
    funding, journalists = score.misses
    # the finding on the same provision, under another standard, is shown beside the miss
    assert [(n.provision, n.standard_id) for n in funding.near] == [("Article 1(2)", "ASM-NOTIFY-PERIOD")]
    assert journalists.near == []  # nothing of that standard anywhere
    alarms = {(a.provision, a.standard_id): a for a in score.false_alarms}
    assert set(alarms) == {("Article 1(2)", "ASM-NOTIFY-PERIOD"), ("Article 2(1)", "EXP-VAGUE-DISCORD-OFFENCE")}
    noise = alarms[("Article 2(1)", "EXP-VAGUE-DISCORD-OFFENCE")]
    assert noise.on_compliant and noise.detector == "pattern:noise" and noise.quote == "loudspeakers"
    assert noise.explanation == ["Article 2(1) matched a rule of EXP-VAGUE-DISCORD-OFFENCE."]
    assert not alarms[("Article 1(2)", "ASM-NOTIFY-PERIOD")].on_compliant


def test_unknown_gold_labels_are_reported(mini_draft, mini_gold):
    mini_gold.required.append(mini_gold.required[0].model_copy(update={"provision": "Article 9(4)"}))
    score = score_draft("t", mini_draft, [], mini_gold, domain_table(DOMAINS))
    assert score.unknown_labels == ["Article 9(4)"]
    assert score.counts == Counts(required=5, found=0, findings=0, true_alarms=0)


def test_summarise_adds_drafts_by_domain_and_language(mini_draft, mini_gold):
    domain_of = domain_table(DOMAINS)
    english = score_draft("t.en.txt", mini_draft, _mini_findings(mini_draft), mini_gold, domain_of)
    perfect = score_draft("t2.en.txt", mini_draft, [
        make_finding(mini_draft, "Article 1(1)", "ASM-NOTIFY-PERIOD"),
        make_finding(mini_draft, "Article 1(2)", "ASM-NO-FUNDING-DISCLOSURE"),
        make_finding(mini_draft, "Article 2(2)", "ASM-LAST-RESORT"),
        make_finding(mini_draft, "Article 3", "MED-NO-JOURNALIST-LICENSING", "media"),
    ], mini_gold, domain_of)
    russian = english.__class__(**{**vars(english), "name": "t.ru.txt", "language": "ru"})
    summary = summarise([english, perfect, russian], standards=["B", "A"])
    assert summary.overall == Counts(required=12, found=8, findings=14, true_alarms=10)
    assert summary.by_language == {
        "en": Counts(required=8, found=6, findings=9, true_alarms=7),
        "ru": Counts(required=4, found=2, findings=5, true_alarms=3),
    }
    assert summary.by_domain["media"] == Counts(required=3, found=1, findings=1, true_alarms=1)
    assert sum((c for c in summary.by_domain.values()), Counts()) == summary.overall
    assert summary.standards == ["A", "B"]


def test_json_text_and_markdown_outputs(mini_draft, mini_gold):
    score = score_draft("drafts/tessalia.en.txt", mini_draft, _mini_findings(mini_draft), mini_gold, domain_table(DOMAINS))
    summary = summarise([score])
    data = json.loads(json.dumps(summary_to_json(summary)))
    assert data["schema"] == "rightscheck-eval/1"
    assert data["overall"] == {"required": 4, "found": 2, "missed": 2, "findings": 5, "true_alarms": 3,
                               "false_alarms": 2, "recall": 0.5, "precision": 0.6, "f1": 0.5455}
    assert set(data["by_language"]) == {"en"}
    draft = data["drafts"][0]
    assert [m["provision"] for m in draft["misses"]] == ["Article 1(2)", "Article 3"]
    assert draft["misses"][0]["near"][0]["explanation"] == ["Article 1(2) matched a rule of ASM-NOTIFY-PERIOD."]
    assert {a["standard_id"] for a in draft["false_alarms"]} == {"ASM-NOTIFY-PERIOD", "EXP-VAGUE-DISCORD-OFFENCE"}

    text = render_text(summary)
    assert "MISSED   Article 3: MED-NO-JOURNALIST-LICENSING" in text
    assert "COMPLIANT-FLAGGED Article 2(1): EXP-VAGUE-DISCORD-OFFENCE (pattern:noise) «loudspeakers»" in text
    assert "matched a rule" not in text  # explanations only when verbose
    assert "Article 2(1) matched a rule of EXP-VAGUE-DISCORD-OFFENCE." in render_text(summary, verbose=True)

    markdown = render_markdown(summary)
    assert "| `tessalia.en.txt` (en) | 4 | 2 | 50.0% | 5 | 2 | 60.0% | 54.5% |" in markdown
    assert "| media | 1 | 0 | 0.0% | 0 | 0 | 100.0% | 0.0% |" in markdown
    assert "| en | 4 | 2 | 50.0% |" in markdown
    assert "- `tessalia.en.txt` Article 3 — MED-NO-JOURNALIST-LICENSING. Near: no finding of these standards." in markdown

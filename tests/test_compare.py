"""checker.compare: following each concern from one version of a draft to the next.

The revised versions are written here as edits applied to the original text (no revised draft
is stored): an article deleted and the later ones renumbered, a permission regime replaced by
notification, a notice period shortened, and a new article with a new problem (a ban on face
coverings).
"""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from checker.cli import main
from checker.compare import (
    Comparison,
    ComparisonSummary,
    align_provisions,
    compare,
    compare_reports,
    normalise,
    words_similarity,
)
from checker.engine import default_engine
from checker.models import ProvisionRef
from checker.pipeline import check
from reports.comparison import render_comparison, render_comparison_bytes
from reports.render import UnknownReportFormat
from tests.conftest import DRAFTS, shared_file


def revise(text: str, *, delete: int, rewrite: dict[int, str], append: str) -> str:
    """``text`` with Article ``delete`` removed and the later articles renumbered down by one,
    the articles in ``rewrite`` (by their old number) replaced, and ``append`` added at the end."""
    parts = re.split(r"(?m)^(?=(?:Article|Chapter) \d+\.)", text)
    out = []
    for part in parts:
        match = re.match(r"Article (\d+)\.", part)
        if not match:
            out.append(part)
            continue
        number = int(match.group(1))
        if number == delete:
            continue
        if number in rewrite:
            part = rewrite[number]
        if number > delete:
            part = re.sub(r"^Article \d+\.", f"Article {number - 1}.", part)
        out.append(part)
    return "".join(out).rstrip("\n") + "\n\n" + append


MASKS = """Article {n}. Face coverings

Participants of a {event} are prohibited from wearing masks or other items that cover the face.
"""

ARVENTA_ARTICLE_5 = """Article 5. Larger public events

1. The notification under Article 4 of this Law applies to public events of every size; no permit is required.

"""

KZ_ARTICLE_10 = """Article 10. Notification of larger assemblies

1. The organiser of a peaceful assembly of any size, including a demonstration or a march, informs the local executive body of it by a notification; no permission is required.
2. The local executive body acknowledges the notification on the day it is received.

"""


def find(comparison: Comparison, standard_id: str, old_eid: str | None = None, new_eid: str | None = None):
    """The entries of one standard on one old (or new) provision."""
    out = []
    for entry in comparison.findings:
        if entry.standard_id != standard_id:
            continue
        if old_eid is not None and (entry.old is None or entry.old.provision is None or entry.old.provision.eid != old_eid):
            continue
        if new_eid is not None and (entry.new is None or entry.new.provision is None or entry.new.provision.eid != new_eid):
            continue
        out.append(entry)
    return out


@pytest.fixture(scope="module")
def arventa() -> Comparison:
    old = (DRAFTS / "arventa-public-events-2024.en.txt").read_text(encoding="utf-8")
    new = revise(old, delete=7, rewrite={5: ARVENTA_ARTICLE_5},
                 append=MASKS.format(n=17, event="public event"))
    assert "no later than twelve working days before" in new
    new = new.replace("no later than twelve working days before", "no later than eight working days before")
    engine = default_engine()
    return compare_reports(check(old, engine=engine), check(new, engine=engine, country="Arventa"))


@pytest.fixture(scope="module")
def kazakhstan() -> Comparison:
    old = shared_file("kz-assembly-draft-2020.txt").read_text(encoding="utf-8")
    new = revise(old, delete=11, rewrite={10: KZ_ARTICLE_10}, append=MASKS.format(n=17, event="peaceful assembly"))
    return compare(old, new, country="Kazakhstan")


@pytest.mark.parametrize(
    ("standard_id", "old_eid", "status", "new_eid"),
    [
        # the permit regime of Article 5 became notification
        ("ASM-NO-PARTICIPANT-CAP", "art_5__para_1", "resolved", None),
        ("ASM-NOTIFY-NOT-AUTH", "art_5__para_1", "resolved", None),
        ("ASM-NOTIFY-PERIOD", "art_5__para_2", "resolved", None),
        # a shorter notice period, still too long: partly addressed
        ("ASM-NOTIFY-PERIOD", "art_4__para_1", "changed", "art_4__para_1"),
        # untouched provisions, before and after the deleted article
        ("ASM-NOTIFY-NOT-AUTH", "art_4__para_3", "persists", "art_4__para_3"),
        ("ASM-LAST-RESORT", "art_6__para_1", "persists", "art_6__para_1"),
        # renumbered: Articles 8-17 became 7-16
        ("ASM-TIME-RESTRICTIONS", "art_9__para_1", "persists", "art_8__para_1"),
        ("ASM-MEDIA-NO-GATEKEEPING", "art_12__para_2", "persists", "art_11__para_2"),
        ("ASM-NONNOTIFICATION-NOT-UNLAWFUL", "art_14", "persists", "art_13"),
        ("ASM-SANCTIONS-PROPORTIONATE", "art_16__para_2", "persists", "art_15__para_2"),
        # a safeguard the whole draft still lacks
        ("ASM-LAST-RESORT", None, "persists", None),
    ],
)
def test_arventa_revision_statuses(arventa, standard_id, old_eid, status, new_eid):
    if old_eid is None:
        entries = [e for e in arventa.findings if e.standard_id == standard_id and e.old is not None and e.old.absence]
    else:
        entries = find(arventa, standard_id, old_eid=old_eid)
    assert [e.status for e in entries] == [status]
    entry = entries[0]
    if new_eid is None:
        assert entry.new is None or entry.new.absence
    else:
        assert entry.new.provision.eid == new_eid


def _unchanged(comparison: Comparison) -> set[str]:
    """Old eIds whose provision is aligned to a new one with the same normalised text."""
    return {link.old_eid for link in comparison.alignment if link.similarity == 1.0}


@pytest.mark.parametrize(("name", "deleted"), [("arventa", "art_7__"), ("kazakhstan", "art_11__")])
def test_every_finding_of_the_deleted_article_is_resolved_and_of_unchanged_provisions_persists(
        request, name, deleted):
    comparison = request.getfixturevalue(name)
    on_deleted = [e for e in comparison.findings if e.old is not None and e.old.provision is not None
                  and e.old.provision.eid.startswith(deleted)]
    assert on_deleted, "the deleted article carried findings"
    assert {e.status for e in on_deleted} == {"resolved"}
    unchanged = _unchanged(comparison)
    kept = [e for e in comparison.findings if e.old is not None and e.old.provision is not None
            and not e.old.absence and e.old.provision.eid in unchanged]
    assert len(kept) > 30
    assert {e.status for e in kept} == {"persists"}, [(e.standard_id, e.old.provision.eid) for e in kept if e.status != "persists"]


def test_arventa_new_article_brings_the_only_new_concern(arventa):
    new = [e for e in arventa.findings if e.status == "new"]
    assert [(e.standard_id, e.new.provision.eid) for e in new] == [("ASM-MANNER-ANONYMITY", "art_17")]
    assert new[0].old is None


def test_arventa_summary_reads_like_an_implementation_review(arventa):
    summary = arventa.summary
    assert summary.concerns == arventa.old.findings
    assert summary.persists + summary.changed + summary.resolved == summary.concerns
    assert (summary.changed, summary.new) == (1, 1)
    resolved = [e.old.provision.eid for e in arventa.findings if e.status == "resolved"]
    assert len(resolved) == summary.resolved >= 5
    assert all(eid.startswith(("art_5__", "art_7__")) for eid in resolved)
    assert summary.sentence == (f"Of {summary.concerns} concerns, {summary.persists} persist, 1 partly addressed, "
                                f"{summary.resolved} resolved; 1 new concern.")
    removed = [p.eid for p in arventa.removed]
    assert {"art_7__para_1", "art_7__para_2"} <= set(removed)
    assert all(eid.startswith(("art_5__", "art_7__")) for eid in removed)
    assert [p.eid for p in arventa.added][-1] == "art_17"
    assert all(eid in ("art_5__para_1", "art_17") for eid in (p.eid for p in arventa.added))


@pytest.mark.parametrize(
    ("standard_id", "old_eid", "status", "new_eid"),
    [
        ("ASM-NOTIFY-NOT-AUTH", "art_10__para_1", "resolved", None),
        ("ASM-NO-PARTICIPANT-CAP", "art_10__para_1", "resolved", None),
        ("ASM-NOTIFY-PERIOD", "art_10__para_2", "resolved", None),
        ("ASM-NOTIFY-NOT-AUTH", "art_9__para_1", "persists", "art_9__para_1"),
        ("ASM-NOTIFY-PERIOD", "art_9__para_1", "persists", "art_9__para_1"),
        ("EXP-VAGUE-DISCORD-OFFENCE", "art_12__para_1__subpara_1", "persists", "art_11__para_1__subpara_1"),
        ("X-EXHAUSTIVE-GROUNDS", "art_12__para_1__subpara_7", "persists", "art_11__para_1__subpara_7"),
        ("ASM-SPONTANEOUS", "art_13", "persists", "art_12"),
        ("ASM-DISPERSAL-FORCE", "art_15__para_2", "persists", "art_14__para_2"),
        ("ASM-SANCTIONS-PROPORTIONATE", "art_16__para_2", "persists", "art_15__para_2"),
    ],
)
def test_kazakhstan_revision_statuses(kazakhstan, standard_id, old_eid, status, new_eid):
    entries = find(kazakhstan, standard_id, old_eid=old_eid)
    assert [e.status for e in entries] == [status]
    if new_eid is not None:
        assert entries[0].new.provision.eid == new_eid


def test_kazakhstan_mask_ban_is_new(kazakhstan):
    new = [(e.standard_id, e.new.provision.eid) for e in kazakhstan.findings if e.status == "new"]
    assert new == [("ASM-MANNER-ANONYMITY", "art_17")]
    assert kazakhstan.summary.resolved >= 5
    assert kazakhstan.new.draft.country == "Kazakhstan"


# --------------------------------------------------------------------------- alignment


def ref(eid: str, text: str, start: int) -> ProvisionRef:
    return ProvisionRef(eid=eid, label=eid, text=text, start=start, end=start + len(text))


NOTICE = "1. The organiser shall notify the city administration of a public event five days in advance."
POLICE = "2. The police shall protect participants and shall not disperse a peaceful event without a court order."
FEES = "3. No fee shall be charged for the notification, for policing or for the cleaning of the venue."
MEDIA = "1. Journalists may cover any public event and need no accreditation or consent of the organiser."


def test_renumbered_provisions_align_to_their_new_numbers():
    old = [ref("art_4__para_1", NOTICE, 0), ref("art_5__para_1", POLICE, 200), ref("art_6__para_1", MEDIA, 400)]
    new = [ref("art_4__para_1", NOTICE, 0), ref("art_5__para_1", MEDIA.replace("1.", "1.", 1), 200)]
    links = {(l.old_eid, l.new_eid, l.relation) for l in align_provisions(old, new)}
    assert links == {("art_4__para_1", "art_4__para_1", "same"), ("art_6__para_1", "art_5__para_1", "same")}


def test_a_split_provision_aligns_to_both_parts():
    merged = NOTICE + " " + POLICE[3:]
    old = [ref("art_4__para_1", merged, 0), ref("art_4__para_2", FEES, 300)]
    new = [ref("art_4__para_1", NOTICE, 0), ref("art_4__para_2", POLICE, 120), ref("art_4__para_3", FEES, 300)]
    links = sorted((l.old_eid, l.new_eid, l.relation) for l in align_provisions(old, new))
    assert [(o, n) for o, n, _ in links] == [("art_4__para_1", "art_4__para_1"), ("art_4__para_1", "art_4__para_2"),
                                             ("art_4__para_2", "art_4__para_3")]
    assert sorted(rel for o, _, rel in links if o == "art_4__para_1") == ["same", "split"]


def test_two_provisions_merged_into_one_align_to_it():
    merged = NOTICE + " " + POLICE[3:]
    old = [ref("art_4__para_1", NOTICE, 0), ref("art_4__para_2", POLICE, 120)]
    new = [ref("art_4__para_1", merged, 0)]
    links = sorted((l.old_eid, l.new_eid, l.relation) for l in align_provisions(old, new))
    assert [(o, n) for o, n, _ in links] == [("art_4__para_1", "art_4__para_1"), ("art_4__para_2", "art_4__para_1")]
    assert sorted(rel for _, _, rel in links) == ["merged", "same"]


def test_unrelated_provisions_do_not_align_even_with_the_same_eid():
    old = [ref("art_4__para_1", NOTICE, 0)]
    new = [ref("art_4__para_1", FEES, 0)]
    assert align_provisions(old, new) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. The organiser SHALL notify.", "the organiser shall notify"),
        ("2) participant - a citizen;", "participant a citizen"),
        ("Article 14. Spontaneous events\nEvents held without notice are banned.", "events held without notice are banned"),
        ("Статья 5. Участники\n1. Участники вправе собираться.", "участники вправе собираться"),
        ("(a) the route;", "the route"),
        ("250 participants", "250 participants"),
    ],
)
def test_normalise_strips_numbering_and_headings_only(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "at_least", "below"),
    [
        ("not later than ten working days", "not later than ten working days", 1.0, None),
        ("no later than twelve working days", "no later than eight working days", None, 0.9),
        ("fewer than 250 participants shall be held", "fewer than 250 participants shall be held only", 0.9, None),
        ("masks", "accreditation card", None, 0.1),
    ],
)
def test_words_similarity_tells_same_words_from_changed_ones(a, b, at_least, below):
    value = words_similarity(a.split(), b.split())
    if at_least is not None:
        assert value >= at_least
    if below is not None:
        assert value < below


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        (dict(concerns=20, persists=18, changed=2, resolved=0, new=1),
         "Of 20 concerns, 18 persist, 2 partly addressed, 0 resolved; 1 new concern."),
        (dict(concerns=1, persists=1, changed=0, resolved=0, new=0),
         "Of 1 concern, 1 persists, 0 partly addressed, 0 resolved; 0 new concerns."),
    ],
)
def test_summary_sentence(counts, sentence):
    assert ComparisonSummary(**counts).sentence == sentence


def test_compare_reports_refuses_other_objects(arventa):
    with pytest.raises(TypeError, match="old: expected a checker.models.Report"):
        compare_reports({}, {})


# --------------------------------------------------------------------------- output


def test_json_round_trips_with_its_version(arventa):
    data = json.loads(render_comparison(arventa, "json"))
    assert data["schema_version"] == "1.0"
    assert Comparison.model_validate(data) == arventa


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_text_formats_lead_with_the_summary(arventa, fmt):
    text = render_comparison(arventa, fmt)
    assert arventa.summary.sentence in text
    assert text.index("New concerns") < text.index("Concerns partly addressed") < text.index("Concerns resolved")
    assert "ASM-MANNER-ANONYMITY" in text and "Article 17" in text


def test_docx_comparison_opens_and_tells_the_same(arventa):
    document = docx.Document(io.BytesIO(render_comparison_bytes(arventa, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert arventa.summary.sentence in text
    assert "Country: Arventa" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "no later than eight working days" in cells
    assert document.core_properties.author == "rightscheck"


def test_pdf_comparison_text_holds_summary_and_new_concern(arventa):
    reader = PdfReader(io.BytesIO(render_comparison_bytes(arventa, "pdf")))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert arventa.summary.sentence in text
    assert "ASM-MANNER-ANONYMITY" in text
    assert f"page 1 of {len(reader.pages)}" in text


@pytest.mark.parametrize("fmt", ["odt", "", None])
def test_unknown_comparison_formats_are_refused(arventa, fmt):
    with pytest.raises(UnknownReportFormat):
        render_comparison_bytes(arventa, fmt)


def test_cli_compare_writes_json(tmp_path):
    old = DRAFTS / "arventa-public-events-2024.en.txt"
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "revised.txt"
    new.write_text(revise(text, delete=7, rewrite={}, append=MASKS.format(n=17, event="public event")),
                   encoding="utf-8")
    out = tmp_path / "comparison.json"
    result = CliRunner().invoke(main, ["compare", str(old), str(new), "-f", "json", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    statuses = {(e["standard_id"], e["status"]) for e in data["findings"]}
    assert ("ASM-PRE-EVENT-MOBILISATION", "resolved") in statuses
    assert ("ASM-MANNER-ANONYMITY", "new") in statuses
    assert data["summary"]["changed"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [(["compare", "missing-old.txt", str(DRAFTS / "arventa-public-events-2024.en.txt")], "no such file"),
     (["compare", str(DRAFTS / "arventa-public-events-2024.en.txt")] * 1
      + [str(DRAFTS / "arventa-public-events-2024.en.txt"), "-f", "pdf"], "binary")],
)
def test_cli_compare_refuses_bad_input_in_one_line(monkeypatch, args, message):
    monkeypatch.setattr("checker.cli._stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output

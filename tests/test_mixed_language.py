"""A draft that mixes languages: each provision is checked by the detectors of its own
language, and the findings quote it as written."""

from __future__ import annotations

from checker.pipeline import check

MIXED = """Article 1. Notification
1. The organiser shall notify the city administration of a public assembly two days in advance.
2. A march may be held only with the permission of the city administration.
Article 2. Переходные положения
1. Митинг численностью свыше ста человек проводится только с разрешения местного исполнительного органа.
2. Участники вправе использовать плакаты.
"""


def _pairs(report):
    return {(f.provision.label, f.standard_id) for f in report.findings if f.provision is not None}


def test_each_provision_is_read_in_its_own_language():
    report = check(MIXED, lang="en")
    assert report.draft.language == "en"
    assert report.draft.other_language_blocks >= 2
    pairs = _pairs(report)
    assert ("Article 1(2)", "ASM-NOTIFY-NOT-AUTH") in pairs
    assert ("Article 2(1)", "ASM-NOTIFY-NOT-AUTH") in pairs
    russian = next(f for f in report.findings if f.provision and f.provision.label == "Article 2(1)"
                   and f.standard_id == "ASM-NOTIFY-NOT-AUTH")
    assert any("разрешения" in span.quote for span in russian.spans)
    assert not any(f.provision and f.provision.label == "Article 2(2)" for f in report.findings)


def test_a_single_language_draft_is_read_once_in_its_language():
    report = check(MIXED.split("Article 2.")[0], lang="en")
    assert report.draft.other_language_blocks == 0
    assert {label for label, _ in _pairs(report)} <= {"Article 1(1)", "Article 1(2)"}

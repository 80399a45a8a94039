"""The whole research catalogue is encoded: all 65 standard ids, each citing only known sources."""

from __future__ import annotations

import re

import pytest

from standards.loader import load_catalogue
from tests.conftest import SHARED

CATALOGUE_IDS = [
    "X-LEGALITY-PRECISION",
    "X-NECESSITY-PROPORTIONALITY",
    "X-EXHAUSTIVE-GROUNDS",
    "X-NONDISCRIMINATION",
    "X-EMERGENCY-NO-PRETEXT",
    "X-REMEDY-REVIEW",
    "ASM-NOTIFY-NOT-AUTH",
    "ASM-NOTIFY-PROPORTIONATE",
    "ASM-NOTIFY-PERIOD",
    "ASM-NOTIFY-EXEMPTIONS",
    "ASM-SPONTANEOUS",
    "ASM-NONNOTIFICATION-NOT-UNLAWFUL",
    "ASM-LAST-RESORT",
    "ASM-CONTENT-NEUTRAL",
    "ASM-PLACE-NO-DESIGNATED-ZONES",
    "ASM-SIGHT-AND-SOUND",
    "ASM-TIME-RESTRICTIONS",
    "ASM-MANNER-ANONYMITY",
    "ASM-NO-PARTICIPANT-CAP",
    "ASM-PRE-EVENT-MOBILISATION",
    "ASM-ORGANISER-NOT-MANDATORY",
    "ASM-ORGANISER-LIABILITY",
    "ASM-NO-COST-SHIFTING",
    "ASM-NO-FUNDING-DISCLOSURE",
    "ASM-SANCTIONS-PROPORTIONATE",
    "ASM-NO-PREVENTIVE-DETENTION",
    "ASM-DISPERSAL-FORCE",
    "ASM-MONITORS-JOURNALISTS",
    "ASM-MEDIA-NO-GATEKEEPING",
    "ASM-NO-FOOTAGE-SEIZURE",
    "ASM-ONLINE-CONNECTIVITY",
    "ASM-EVERYONE-NONCITIZENS",
    "ASM-COUNTERTERROR-CARVEOUT",
    "EXP-VAGUE-DISCORD-OFFENCE",
    "EXP-INCITEMENT-THRESHOLD",
    "EXP-FALSE-INFORMATION",
    "EXP-CRIMINAL-DEFAMATION",
    "EXP-DEFAMATION-DEFENCES",
    "EXP-OFFICIALS-NO-EXTRA-PROTECTION",
    "EXP-EXTREMISM-DEFINITION",
    "EXP-CRITICISM-PROTECTED",
    "MED-NO-JOURNALIST-LICENSING",
    "MED-REGULATION-INDEPENDENT",
    "MED-BLOCKING-CONTENT-SPECIFIC",
    "MED-NO-SHUTDOWNS",
    "MED-DATA-LOCALISATION",
    "ASC-PRESUMPTION-LAWFUL",
    "ASC-UNREGISTERED-PROTECTED",
    "ASC-REGISTRATION-SIMPLE",
    "ASC-RESOURCES-INCL-FOREIGN",
    "ASC-NO-STATE-FUNDING-MONOPOLY",
    "ASC-NO-STIGMATISING-LABELS",
    "ASC-REPORTING-PROPORTIONATE",
    "ASC-MEMBERSHIP-NOT-AGGRAVATING",
    "ASC-DISSOLUTION-LAST-RESORT",
    "TU-NO-PRIOR-AUTH",
    "TU-NO-FORCED-AFFILIATION",
    "TU-REGISTRATION-THRESHOLDS",
    "TU-AUTONOMY",
    "PTY-REGISTRATION-THRESHOLD",
    "PTY-PROHIBITION-LAST-RESORT",
    "PTY-EQUAL-TREATMENT",
    "ELEC-CANDIDACY-CRITERIA",
    "ELEC-NO-PARTY-OR-SUPPORT-BARRIERS",
    "ELEC-CAMPAIGN-FREEDOMS",
]


def test_the_list_matches_the_research_catalogue_when_it_is_available():
    path = SHARED / "standards" / "catalogue.md"
    if not path.is_file():
        pytest.skip("research catalogue not available")
    text = path.read_text(encoding="utf-8")
    annex = text[text.index("## Annex A"):text.index("## Annex B")]
    assert re.findall(r"^\| ([A-Z]+(?:-[A-Z0-9]+)+) \|", annex, re.M) == CATALOGUE_IDS


def test_every_catalogue_standard_is_encoded():
    encoded = set(load_catalogue().standards)
    missing = [i for i in CATALOGUE_IDS if i not in encoded]
    assert not missing, f"not encoded: {missing}"
    assert not encoded - set(CATALOGUE_IDS), "a standard without a catalogue id"


def test_every_citation_names_a_source_of_sources_yaml():
    catalogue = load_catalogue()
    for standard in catalogue.standards.values():
        for citation in standard.citations:
            assert citation.source in catalogue.sources, (standard.id, citation.source)


def test_the_overview_table_in_docs_is_up_to_date():
    from standards.table import render_table
    from tests.conftest import REPO

    committed = (REPO / "docs" / "standards.md").read_text(encoding="utf-8")
    assert committed == render_table(load_catalogue()), "run: rightscheck standards docs"

"""Citations are printed general sources first: a country's concluding observations or a
mission report never lead a finding on another country's draft."""

from __future__ import annotations

import pytest

from checker.engine import citation_refs
from standards.loader import load_catalogue

CATALOGUE = load_catalogue()
COUNTRY_SPECIFIC = {sid for sid, source in CATALOGUE.sources.items() if source.country}


def test_the_country_specific_sources_are_marked():
    assert {"HRC-CO-KAZ-2016", "SR-FOAA-KAZ-2015"} <= COUNTRY_SPECIFIC
    assert not {"ICCPR", "HRC-GC37", "HRC-GC34", "HRC-GC25"} & COUNTRY_SPECIFIC


@pytest.mark.parametrize("standard_id", sorted(CATALOGUE.standards))
def test_general_sources_come_first_and_keep_the_catalogues_order(standard_id):
    standard = CATALOGUE.standards[standard_id]
    printed = [ref.source for ref in citation_refs(CATALOGUE, standard)]
    in_catalogue = [c.source for c in standard.citations]
    general = [s for s in in_catalogue if s not in COUNTRY_SPECIFIC]
    specific = [s for s in in_catalogue if s in COUNTRY_SPECIFIC]
    assert printed == general + specific


def test_the_discord_offence_leads_with_the_general_comment():
    printed = [ref.source for ref in citation_refs(CATALOGUE, CATALOGUE.standards["EXP-VAGUE-DISCORD-OFFENCE"])]
    assert printed[0] == "HRC-GC34" and printed[-1] == "HRC-CO-KAZ-2016"

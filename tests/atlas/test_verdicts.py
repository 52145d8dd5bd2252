"""The atlas's two verdicts (sparse relative to need; strain): every combination, decided once in
``atlas.rules`` and shown with the same words on the area and pilot pages, never contradicting
itself (a "No" beside "below the 2 we look for", "100% under strain" when nothing was checked)."""

import datetime as dt
import re
from html import unescape

import pytest

from django.utils import timezone

from atlas import rules
from atlas.models import AreaAsset, AreaKind
from atlas.services import AreaData, areas_upsert, indicator_values_upsert, pilot_place_upsert
from tests.assets_registry.factories import AssetFactory
from tests.atlas.test_rules import ec_indicator
from tests.factories import make_site_home


def connectedness(percentile: float) -> rules.NeedMeasure:
    return rules.NeedMeasure(
        label="economic connectedness", percentile=percentile, need_when_high=False, area_noun="US counties"
    )


# --- the sparse verdict, on its own -------------------------------------------------------------

SPARSE_CASES = {
    # name: (need percentile or None, third spaces, population, status)
    "sparse": (10.0, 3, 100_000, rules.SPARSE),
    "not sparse: need is not high": (60.0, 3, 100_000, rules.NEED_NOT_HIGH),
    "not sparse: enough spaces": (10.0, 30, 100_000, rules.ENOUGH_SPACES),
    "not sparse: neither": (60.0, 30, 100_000, rules.NOT_SPARSE),
    "unknown need, few spaces": (None, 3, 100_000, rules.UNKNOWN),
    "unknown need, enough spaces": (None, 30, 100_000, rules.UNKNOWN),
    "unknown density, few by count": (10.0, 4, None, rules.SPARSE),
    "unknown density, enough by count": (10.0, 5, None, rules.ENOUGH_SPACES),
    "unknown density and need": (None, 0, None, rules.UNKNOWN),
}


@pytest.mark.parametrize(
    ("percentile", "third_spaces", "population", "status"), SPARSE_CASES.values(), ids=SPARSE_CASES
)
def test_sparse_verdict_for_each_combination(percentile, third_spaces, population, status):
    need = None if percentile is None else connectedness(percentile)
    verdict = rules.sparse_relative_to_need(need=need, third_spaces=third_spaces, population=population)
    assert verdict.status == status
    assert verdict.is_sparse == (status == rules.SPARSE) == verdict.warning
    assert_sparse_words_agree(verdict.answer, verdict.explanation)
    assert_sparse_words_agree(verdict.short, verdict.explanation)
    if population is None:
        assert "the population is not known" in verdict.explanation
        assert "per 10,000" not in verdict.explanation


def test_few_spaces_where_need_is_not_high_says_so_rather_than_no():
    """Baltimore City's case: 0.3 per 10,000, but connectedness above the lowest quarter."""
    verdict = rules.sparse_relative_to_need(need=connectedness(30.0), third_spaces=17, population=585_708)
    assert verdict.answer == "Not flagged: few third spaces, but need is not high"
    assert verdict.explanation.startswith(
        "Few third spaces are recorded here (17 third spaces, 0.3 per 10,000 residents: below the 2 "
        "we look for), but need is not high, so not flagged as sparse."
    )
    assert "lower than in about 70% of US counties: not in the lowest quarter" in verdict.explanation


def assert_sparse_words_agree(answer: str, explanation: str) -> None:
    """What a reader checks: the badge and the sentence beside it say the same thing."""
    few = "below the" in explanation or re.search(r": fewer than \d", explanation)
    no_measure = "estimate is published for this area, so we cannot tell" in explanation
    if answer.startswith("Yes"):
        assert few and "lower than in about" in explanation and "not in the lowest quarter" not in explanation
    elif answer.startswith(("No", "Not flagged")):
        assert not no_measure
        if few:  # few spaces: only a need that is not high can make this "not sparse", and it must say so
            assert answer.startswith("Not flagged") or "need not high" in answer
            assert "need is not high" in explanation
        else:
            assert "at or above the" in explanation or ": at least" in explanation
    else:
        assert "cannot tell" in answer.lower() and no_measure


# --- the strain verdict, on its own -------------------------------------------------------------

STRAIN_CASES = {
    # name: (total, closed, temporarily closed, stale, not checked) -> status, share
    "no spaces": ((0, 0, 0, 0, 0), rules.NO_SPACES, None),
    "none checked": ((17, 0, 0, 0, 17), rules.NOT_CHECKED, None),
    "some stale": ((5, 0, 0, 3, 0), rules.STRAINED, 60.0),
    "some closed": ((4, 1, 0, 0, 0), rules.NOT_STRAINED, 25.0),
    "closed and temporarily closed among unchecked": ((10, 1, 1, 0, 6), rules.STRAINED, 50.0),
    "one stale, the rest unchecked": ((9, 0, 0, 1, 8), rules.STRAINED, 100.0),
}


@pytest.mark.parametrize(("counts", "status", "share"), STRAIN_CASES.values(), ids=STRAIN_CASES)
def test_strain_verdict_for_each_combination(counts, status, share):
    total, closed, temporarily_closed, stale, not_checked = counts
    verdict = rules.strain(
        total=total,
        closed=closed,
        temporarily_closed=temporarily_closed,
        stale=stale,
        not_checked=not_checked,
    )
    assert verdict.status == status
    assert verdict.share == share
    assert verdict.warning == (status == rules.STRAINED)
    assert_strain_words_agree(verdict.answer, verdict.explanation)
    if not_checked and status != rules.NOT_CHECKED:
        assert f"{not_checked} other space" in verdict.explanation  # left out of the share, and said so


def test_nothing_checked_is_not_checked_yet_never_a_hundred_percent():
    verdict = rules.strain(total=17, closed=0, temporarily_closed=0, stale=0, not_checked=17)
    assert verdict.answer == "Not checked yet"
    assert "%" not in verdict.answer + verdict.explanation


def assert_strain_words_agree(answer: str, explanation: str) -> None:
    share = re.search(r"(\d+)%", answer)
    if share:
        assert f"({share.group(1)}%)" in explanation
        assert answer.startswith(
            "Under strain" if int(share.group(1)) >= rules.STRAINED_SHARE else "Not under"
        )
    else:
        assert answer in {"Not checked yet", "No spaces recorded yet"}
        assert "%" not in explanation


def test_rules_are_stated_from_the_same_constants():
    assert f"{rules.LOW_CONNECTEDNESS_PERCENTILE:g}th national percentile" in rules.SPARSE_RULE
    assert f"fewer than {rules.FEW_THIRD_SPACES_PER_10K:g} open third spaces per 10,000" in rules.SPARSE_RULE
    assert f"fewer than {rules.FEW_THIRD_SPACES_COUNT} in all" in rules.SPARSE_RULE
    assert f"in the last {rules.CONFIRMED_WITHIN_WORDS}" in rules.STRAIN_RULE
    assert rules.CONFIRMED_WITHIN_WORDS == "two years" and rules.CONFIRMED_WITHIN_DAYS == 730


# --- the pages: every combination rendered, badge beside sentence --------------------------------

PAGE_CASES = {
    # name: (county: 00001 low connectedness, 00008 the highest, 00009 none published, 00010 the
    #        lowest, population unknown; third spaces; other spaces as (status, days since confirmed))
    "sparse, none checked": ("00001", 1, [("active", None)] * 2),
    "need not high, some stale": ("00008", 1, [("active", 30), ("active", 800), ("active", 900)]),
    "enough spaces, some closed": (
        "00001",
        6,
        [("closed", 10), ("active", 10), ("active", 20), ("active", None)],
    ),
    "not sparse": ("00008", 6, []),
    "unknown need": ("00009", 1, [("temporarily_closed", None)]),
    "unknown density": ("00010", 2, [("active", 100)]),
}


@pytest.fixture
def atlas_counties(db):
    """Eight US counties with connectedness (20,000 residents each), one without an estimate, and
    one with an estimate but no population."""
    make_site_home()
    indicator = ec_indicator()
    values = {f"{n:05d}": 0.5 + n / 100 for n in range(1, 9)} | {"00010": 0.4}  # 00010: the lowest
    populations = dict.fromkeys(values, 20000) | {"00009": 20_000, "00010": None}
    rows = [AreaData(code=code, name=f"County {code}", population=n) for code, n in populations.items()]
    areas, _ = areas_upsert(kind=AreaKind.US_COUNTY, rows=rows)
    indicator_values_upsert(
        indicator=indicator,
        kind=AreaKind.US_COUNTY,
        values={areas[code].pk: (value, None) for code, value in values.items()},
    )
    return areas


def place_spaces(area, *, third_spaces: int, states: list[tuple[str, int | None]]) -> None:
    today = timezone.localdate()
    assets = [AssetFactory(country="US", third_space_types=["activity"]) for _ in range(third_spaces)]
    assets += [
        AssetFactory(
            country="US",
            third_space_types=[],
            categories=["market"],
            status=status,
            last_verified=None if days is None else today - dt.timedelta(days=days),
        )
        for status, days in states
    ]
    AreaAsset.objects.bulk_create([AreaAsset(area=area, asset=a) for a in assets])


def section(html: str, heading_id: str) -> tuple[str, str, str]:
    """(data-verdict, badge, sentence) of the verdict section labelled by ``heading_id``."""
    match = re.search(
        rf'aria-labelledby="{heading_id}" data-verdict="([a-z_]+)">.*?'
        r'<p class="atlas-signal__status"><strong>(.*?)</strong></p>\s*<p>(.*?)</p>',
        html,
        re.S,
    )
    assert match, f"no verdict section {heading_id}"
    return match.group(1), unescape(match.group(2)), unescape(match.group(3))


@pytest.mark.parametrize(("code", "third_spaces", "states"), PAGE_CASES.values(), ids=PAGE_CASES)
def test_area_page_badges_and_sentences_agree(client, atlas_counties, code, third_spaces, states):
    area = atlas_counties[code]
    place_spaces(area, third_spaces=third_spaces, states=states)
    html = client.get(f"/atlas/us_county/{code}/").content.decode()

    status, answer, sentence = section(html, "sparse-heading")
    assert_sparse_words_agree(answer, sentence)
    expected_sparse = {
        ("00001", True): rules.SPARSE,
        ("00001", False): rules.ENOUGH_SPACES,
        ("00008", True): rules.NEED_NOT_HIGH,
        ("00008", False): rules.NOT_SPARSE,
        ("00009", True): rules.UNKNOWN,
        ("00010", True): rules.SPARSE,  # 2 third spaces: fewer than 5, counted (no population)
    }[(code, third_spaces < 4)]  # 20,000 residents: fewer than 4 third spaces is below 2 per 10,000
    assert status == expected_sparse

    status, answer, sentence = section(html, "strain-heading")
    assert_strain_words_agree(answer, sentence)
    known = [(s, d) for s, d in states if s != "active" or d is not None]
    strained = [(s, d) for s, d in known if s != "active" or d > rules.CONFIRMED_WITHIN_DAYS]
    if not known:
        assert status == rules.NOT_CHECKED and "%" not in answer + sentence
    else:
        share = round(100 * len(strained) / len(known))
        assert f"Of the {len(known)} space" in sentence
        assert f"whose state we know, {len(strained)} ({share}%)" in sentence
    # The third spaces made here were never confirmed: not checked, never strained.
    unchecked = third_spaces + sum(1 for s, d in states if s == "active" and d is None)
    assert f"Open, not checked yet: {unchecked}</li>" in html
    assert rules.SPARSE_RULE in unescape(html) and rules.STRAIN_RULE in unescape(html)


def test_pilot_page_reads_the_same_verdicts(client, atlas_counties):
    areas = [atlas_counties[code] for code in ("00001", "00008", "00009")]
    place_spaces(areas[0], third_spaces=1, states=[])
    place_spaces(areas[1], third_spaces=1, states=[("closed", None), ("active", 10)])
    pilot_place_upsert(slug="test-place", name="Test place", country="US", summary="", areas=areas)
    html = unescape(client.get("/atlas/places/test-place/").content.decode())
    cells = re.findall(r'<td data-verdict="([a-z_]+)">(?:<strong>)?(.*?)(?:</strong>)?</td>', html)
    assert cells == [
        (rules.SPARSE, "Yes"),
        (rules.NEED_NOT_HIGH, "No: need not high (few spaces)"),
        (rules.UNKNOWN, "Cannot tell (no measure of need)"),
    ]
    readings = re.findall(r"<li><strong>County \d+: (.*?)\.</strong> (.*?)</li>", html)
    assert len(readings) == 3
    for answer, sentence in readings:
        assert_sparse_words_agree(answer, sentence)
    # Strain over the place: 2 spaces known (1 closed, 1 confirmed), 2 never checked.
    strain = re.search(r'<p data-verdict="([a-z_]+)"><strong>(.*?)\.</strong> (.*?)</p>', html)
    assert strain.group(1) == rules.STRAINED
    assert_strain_words_agree(strain.group(2), strain.group(3))
    assert "Of the 2 spaces whose state we know, 1 (50%)" in strain.group(3)
    assert "2 of 4 recorded spaces have never been confirmed" in html

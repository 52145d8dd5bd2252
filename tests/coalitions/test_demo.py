"""The coalitions' demo step: four illustrative coalitions on the atlas's pilot places, built from
the registry's spaces, the atlas's values and the registry snapshots (never typed figures), with
a pending observation for Ealing's steward and the Ealing logins printed; idempotent."""

import re

import pytest

from coalitions import demo
from coalitions.models import (
    Coalition,
    CoalitionPerson,
    Initiative,
    Measure,
    MeasureKind,
    Observation,
    PersonRole,
    RegistrySnapshot,
)
from tests.coalitions.demo_setup import demo_output, demo_pilots

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilots():
    return demo_pilots()


def load() -> str:
    return demo_output(demo)


def test_the_demo_builds_four_illustrative_coalitions_of_real_parts(pilots):
    output = load()
    coalitions = {c.slug: c for c in Coalition.objects.all()}
    assert sorted(coalitions) == ["baltimore", "boston", "ealing", "essex"]
    for slug, coalition in coalitions.items():
        assert coalition.illustrative and "Illustrative demo" in coalition.vision
        assert coalition.pilot_place.slug == slug
        kinds = set(coalition.measures.values_list("kind", flat=True))
        assert kinds == {MeasureKind.ATLAS, MeasureKind.REGISTRY, MeasureKind.RECORDED}
        assert 3 <= coalition.measures.count() <= 5
        assert set(coalition.people.values_list("role", flat=True)) == {PersonRole.STEWARD, PersonRole.MEMBER}
        assert {"council", "funder", "university"} <= set(
            coalition.organisations.values_list("kind", flat=True)
        )
        assert Initiative.objects.filter(coalition=coalition, measures__isnull=False).exists()

    # Ealing's organisations include its registry spaces, by kind of space.
    ealing = coalitions["ealing"]
    spaces = dict(ealing.organisations.filter(space__isnull=False).values_list("kind", "space__name"))
    assert spaces == {
        "public_service": "Acton Town Hall Library",
        "faith": "Acton Baptist Church",
        "voluntary": "Acton Vale",
    }

    # Recorded measures: 3–6 approved observations; Ealing's steward has one waiting.
    for measure in Measure.objects.filter(kind=MeasureKind.RECORDED):
        assert 3 <= measure.observations.filter(live=True).count() <= 6
        assert all(measure.in_range(o.value) for o in measure.observations.all())
    pending = Observation.objects.filter(live=False)
    assert [o.measure.coalition.slug for o in pending] == ["ealing"]
    assert pending.get().workflow_in_progress

    # Registry baselines are the snapshots' computed values; atlas baselines the atlas's value.
    share = Measure.objects.get(coalition=ealing, registry_metric="bridging_share")
    first = (
        RegistrySnapshot.objects.filter(coalition=ealing, metric="bridging_share").order_by("month").first()
    )
    assert first.numerator == 3 and first.denominator == 4  # three of its four spaces are third spaces
    assert share.baseline_value == pytest.approx(first.value, abs=0.1)
    assert share.baseline_date == first.month
    economic = Measure.objects.get(coalition__slug="baltimore", indicator__slug="us-economic-connectedness")
    assert economic.baseline_value == pytest.approx(0.722) and economic.target_value > economic.baseline_value

    # Ealing's logins are printed and work.
    logins = dict(re.findall(r"sign in at /admin/ as (ealing-\w+) / (\S+)", output))
    assert set(logins) == {"ealing-steward", "ealing-member"}
    for username, password in logins.items():
        person = CoalitionPerson.objects.get(user__username=username)
        assert person.coalition == ealing and person.user.check_password(password)
    assert not CoalitionPerson.objects.get(user__username="essex-member").user.has_usable_password()


def test_loading_the_demo_twice_changes_nothing(pilots):
    load()
    counts = [
        model.objects.count()
        for model in (Coalition, Measure, Observation, Initiative, CoalitionPerson, RegistrySnapshot)
    ]
    output = load()
    assert counts == [
        model.objects.count()
        for model in (Coalition, Measure, Observation, Initiative, CoalitionPerson, RegistrySnapshot)
    ]
    assert "0 snapshot values written" in output


def test_the_demo_step_runs_after_the_atlas_in_load_demo():
    from home.management.commands.load_demo import DEMO_LOADERS

    assert (
        DEMO_LOADERS.index("atlas.demo")
        < DEMO_LOADERS.index("coalitions.demo")
        < DEMO_LOADERS.index("search.demo")
    )

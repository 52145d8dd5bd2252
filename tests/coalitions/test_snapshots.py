# ruff: noqa: F401, F811
"""Monthly snapshots of the registry measures: the service, the task and the backfill command."""

import datetime as dt
import io

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from assets_registry.models import Asset
from atlas.models import Area, AreaKind
from coalitions import registry_measures, snapshots
from coalitions.models import Coalition, RegistryMetric, RegistrySnapshot
from coalitions.tasks import snapshot_registry_measures
from tests.assets_registry.factories import AssetFactory
from tests.atlas.conftest import london_boroughs

pytestmark = pytest.mark.django_db
# The atlas's fixtures, imported by name: pytest finds them here (F401/F811 are that, not errors).

THIS_MONTH = timezone.localdate().replace(day=1)
LAST_MONTH = registry_measures.month_just_ended()


@pytest.fixture
def coalition(london_boroughs, django_capture_on_commit_callbacks):
    ealing = Area.objects.get(kind=AreaKind.LONDON_BOROUGH, code="E09000009")
    ealing.population = 367_100
    ealing.save()
    with django_capture_on_commit_callbacks(execute=True):
        AssetFactory(third_space_types=["purpose"])
        AssetFactory(third_space_types=[])
    Asset.objects.update(first_published_at=timezone.make_aware(dt.datetime(2025, 1, 10)))
    return Coalition.objects.create(name="Ealing Together", slug="ealing", area=ealing)


def snapshot(coalition, metric, month) -> RegistrySnapshot:
    return RegistrySnapshot.objects.get(coalition=coalition, metric=metric, month=month)


def test_take_is_idempotent(coalition):
    assert snapshots.take(coalition, THIS_MONTH) == len(RegistryMetric)
    first = list(RegistrySnapshot.objects.values_list("metric", "month", "value", "numerator", "denominator"))

    assert snapshots.take(coalition, THIS_MONTH + dt.timedelta(days=9)) == 0  # any day of the month
    assert (
        list(RegistrySnapshot.objects.values_list("metric", "month", "value", "numerator", "denominator"))
        == first
    )
    assert snapshot(coalition, RegistryMetric.BRIDGING_SHARE, THIS_MONTH).value == pytest.approx(50)


def test_a_space_published_in_the_area_changes_the_next_snapshot(
    coalition, django_capture_on_commit_callbacks
):
    snapshots.take_months(coalition, [LAST_MONTH, THIS_MONTH])
    before = snapshot(coalition, RegistryMetric.THIRD_SPACES_PER_10K, THIS_MONTH)
    assert before.numerator == 1

    # Published through Wagtail's revisions; the atlas's signal places it in Ealing.
    with django_capture_on_commit_callbacks(execute=True):
        AssetFactory(name="New community kitchen", third_space_types=["purpose"])
    assert snapshots.take(coalition, THIS_MONTH) == 3  # per 10k and both shares (one more open space)

    after = snapshot(coalition, RegistryMetric.THIRD_SPACES_PER_10K, THIS_MONTH)
    assert after.numerator == 2
    assert after.value == pytest.approx(2 * 10_000 / 367_100)
    assert snapshot(coalition, RegistryMetric.BRIDGING_SHARE, THIS_MONTH).value == pytest.approx(100 * 2 / 3)
    # A month already past keeps its value: the new space was not there at its end.
    snapshots.take(coalition, LAST_MONTH)
    assert snapshot(coalition, RegistryMetric.THIRD_SPACES_PER_10K, LAST_MONTH).numerator == 1


def test_the_task_snapshots_every_coalition_for_the_month_just_ended(coalition):
    other = Coalition.objects.create(name="Elsewhere", slug="elsewhere", area=coalition.area)

    result = snapshot_registry_measures.enqueue()  # the immediate backend runs it now

    assert result.return_value == 2 * len(RegistryMetric)
    assert set(RegistrySnapshot.objects.values_list("coalition_id", "month").distinct()) == {
        (coalition.pk, LAST_MONTH),
        (other.pk, LAST_MONTH),
    }


def test_backfill_command(coalition):
    out, err = io.StringIO(), io.StringIO()
    call_command("snapshot_registry_measures", "--backfill", "--coalition", "ealing", stdout=out, stderr=err)

    months = sorted(set(RegistrySnapshot.objects.values_list("month", flat=True)))
    # From the month the place's first space was published to the month just ended.
    assert months == registry_measures.months_between(dt.date(2025, 1, 1), LAST_MONTH)
    assert "snapshot value(s) written" in out.getvalue()
    assert "Months" in err.getvalue()  # the progress bar
    january = snapshot(coalition, RegistryMetric.BRIDGING_SHARE, dt.date(2025, 1, 1))
    december_2024 = RegistrySnapshot.objects.filter(month=dt.date(2024, 12, 1))
    assert january.value == pytest.approx(50) and not december_2024.exists()

    call_command("snapshot_registry_measures", "--backfill", "--since", "2024-11", stdout=out, stderr=err)
    assert snapshot(coalition, RegistryMetric.BRIDGING_SHARE, dt.date(2024, 11, 1)).value is None  # none open
    assert "written or changed" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backfill", "--since", "2025-13"], "is not a month: write it as YYYY-MM"),
        (["--backfill", "--since", "last year"], "is not a month"),
        (["--since", "2025-01"], "--since goes with --backfill"),
        (["--backfill", "--since", "2999-01"], "is after the month just ended"),
        (["--coalition", "nowhere"], "No coalition has the slug 'nowhere'"),
    ],
)
def test_command_refuses_bad_input(coalition, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("snapshot_registry_measures", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert not RegistrySnapshot.objects.exists()

"""Duplicates decided like a person would: the scored matcher on real labelled pairs, and how an
import treats a row that may repeat a listed space (never dropped, never published unseen)."""

import pytest

from assets_registry import matching
from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter, mapping_from_flags
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.matching import Place, compare
from assets_registry.models import Asset
from assets_registry.selectors import public_assets
from bench.duplicates import PRECISION_TARGET, RECALL_TARGET, evaluate, load_pairs
from tests.assets_registry.factories import AssetFactory

# Ealing Park Tavern (GLA grid reference 517689, 178791) and points near it.
TAVERN = (51.495820, -0.306046)
METRES_PER_DEGREE = 111_195


def north(point, metres):
    return (point[0] + metres / METRES_PER_DEGREE, point[1])


def pub(name, point, **extra):
    return Place(name, ("pub_cafe",), *point, precision=extra.pop("precision", "address"), **extra)


# --- the matcher ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "category, words",
    [
        ("library", "both libraries"),
        ("civic_group", "both civic or residents' groups"),
        ("pub_cafe", "both pubs"),
    ],
)
def test_reasons_are_plain_english(category, words):
    a = Place("Acton Hall", (category,), *TAVERN, "address")
    assert words in compare(a, Place("Acton Hall", (category,), *north(TAVERN, 30), "address")).reasons


def test_the_labelled_real_pairs_meet_the_targets():
    """The committed set from the GLA file (tests/fixtures/duplicates/README.md): the real matcher
    on real pairs, without the UPRN that found the true pairs."""
    rows = load_pairs()
    result = evaluate(rows)
    assert len(rows) > 1000 and result.tp + result.fn > 400 and result.fp + result.tn > 500
    assert result.precision >= PRECISION_TARGET, result.false_alarms[:5]
    assert result.recall >= RECALL_TARGET, [(r["a_name"], r["b_name"]) for r, _m in result.misses[:5]]


def test_same_name_and_kind_200_m_apart_is_a_likely_duplicate_and_says_why():
    match = compare(pub("Ealing Park Tavern", TAVERN), pub("The Ealing Park Tavern", north(TAVERN, 180)))
    assert match.decision in ("same", "likely")
    assert match.summary == "same name, both pubs, 180 m apart"


def test_different_kinds_sharing_one_word_are_not_duplicates():
    preston_pub = Place("The Preston", ("pub_cafe",), *TAVERN, "address", "161 Preston Road")
    library = Place("Preston Library", ("library",), *north(TAVERN, 60), "address", "Carlton Avenue East")
    assert compare(preston_pub, library).decision == "different"
    barking_library = Place("Barking Library", ("library",), *TAVERN, "address")
    centre = Place("Barking Community Centre", ("community_centre",), *north(TAVERN, 40), "address")
    assert compare(barking_library, centre).decision == "different"
    # Two neighbouring halls that only share what they are.
    a = Place("Arden Estate Community Centre", ("community_centre",), *TAVERN, "address")
    b = Place("Geffrye Community Centre", ("community_centre",), *north(TAVERN, 150), "address")
    assert compare(a, b).decision == "different"


def test_distance_counts_against_how_precise_the_positions_are():
    far = north(TAVERN, 900)
    exact = compare(pub("Red Lion", TAVERN), pub("Red Lion", far))
    coarse = compare(
        pub("Red Lion", TAVERN, precision="locality"), pub("Red Lion", far, precision="locality")
    )
    assert exact.decision == "different" and coarse.is_duplicate


def test_names_are_normalised_before_they_are_compared():
    assert matching.normalise_name("The King's Head (closed)") == "kings head"
    assert matching.normalise_name("Pub: St Mary & St Joseph") == "saint mary saint joseph"
    assert matching.normalise_name("Higham Hill Community Hub & CafÃ©") == "higham hill community hub cafe"
    assert compare(pub("Bread & Roses", TAVERN), pub("Bread and Roses", TAVERN)).decision == "same"
    # Numbered apart, or different streets, are different places.
    assert compare(pub("Studio 1", TAVERN), pub("Studio 2", TAVERN)).decision == "different"
    # The same door makes a pair more likely; two streets much less (a moderator still looks).
    kings = pub("Kings Head", TAVERN, address="59 Essex Road")
    there = north(TAVERN, 180)
    same_door = compare(kings, pub("Kings Head", there, address="59 Essex Rd"))
    other_street = compare(kings, pub("Kings Head", there, address="115 Upper Street"))
    assert same_door.decision == "same" and "same address" in same_door.reasons
    assert other_street.score < 0.6 and "different addresses" in other_street.reasons


# --- the importer ----------------------------------------------------------------------------


def partner_csv(tmp_path, rows: str):
    path = tmp_path / "partner.csv"
    path.write_text("id,name,lat,lon,category\n" + rows, encoding="utf-8")
    spec = mapping_from_flags(id_column="id", lat_column="lat", lon_column="lon", category_column="category")
    return path, ColumnMapping.from_dict(spec, allowed_fields=IMPORT_FIELDS)


def importer(path, mapping, **options):
    options.setdefault("source", "partner")
    return CsvImporter(path, mapping, areas=False, **options)


@pytest.mark.django_db
def test_a_likely_duplicate_goes_to_moderation_even_from_a_trusted_import(tmp_path):
    tavern = AssetFactory(
        name="Ealing Park Tavern",
        categories=["pub_cafe"],
        latitude=TAVERN[0],
        longitude=TAVERN[1],
        location_precision="address",
        data_source="gla",
    )
    near = north(TAVERN, 140)
    path, mapping = partner_csv(
        tmp_path,
        f"p1,The Ealing Park Tavern,{near[0]},{near[1]},pub_cafe\n"
        f"p2,Northfields Library,{north(TAVERN, 300)[0]},{TAVERN[1]},library\n",
    )
    report = importer(path, mapping, trusted=True).run(commit=True)
    assert report.created == 2 and report.rejected == 0
    line = next(line for line in report.lines if line.source_id == "p1")
    assert line.status == "warning"
    assert line.reason == (
        f"possible duplicate of #{tavern.pk} “Ealing Park Tavern” (same name, both pubs, 140 m apart): "
        "sent to moderation"
    )
    assert any("possible duplicate" in note for note in report.notes)
    draft = Asset.objects.get(source_id="p1")
    assert not draft.live and draft.workflow_in_progress
    assert draft.possible_duplicate_of == tavern and draft.duplicate_reasons.startswith("same name")
    assert draft.get_latest_revision_as_object().possible_duplicate_of_id == tavern.pk
    # The different one was published as trusted rows are.
    assert public_assets().filter(source_id="p2").exists()
    # --allow-duplicates keeps its meaning: published anyway, and said so.
    path2, mapping2 = partner_csv(tmp_path, f"q1,Ealing Park Tavern,{near[0]},{near[1]},pub_cafe\n")
    allowed = importer(path2, mapping2, source="other", trusted=True, allow_duplicates=True).run(commit=True)
    assert public_assets().filter(data_source="other", source_id="q1").exists()
    assert "published anyway (--allow-duplicates)" in allowed.lines[0].reason


@pytest.mark.django_db
def test_rows_of_one_file_that_repeat_each_other(tmp_path):
    path, mapping = partner_csv(
        tmp_path,
        f"a,Sebright Arms,{TAVERN[0]},{TAVERN[1]},pub_cafe\n"
        f"b,The Sebright Arms,{north(TAVERN, 50)[0]},{TAVERN[1]},pub_cafe\n",
    )
    report = importer(path, mapping, trusted=True).run(commit=True)
    assert report.created == 2
    assert report.lines[0].reason.startswith("possible duplicate of row 2 “Sebright Arms” (same name")
    first, second = Asset.objects.get(source_id="a"), Asset.objects.get(source_id="b")
    assert first.live and not second.live and second.possible_duplicate_of == first


@pytest.mark.django_db
def test_a_held_duplicate_stays_held_when_its_source_is_imported_again(tmp_path):
    AssetFactory(name="Ealing Park Tavern", categories=["pub_cafe"], latitude=TAVERN[0], longitude=TAVERN[1])
    near = north(TAVERN, 140)
    path, mapping = partner_csv(tmp_path, f"p1,The Ealing Park Tavern,{near[0]},{near[1]},pub_cafe\n")
    importer(path, mapping, trusted=True).run(commit=True)

    again = importer(path, mapping, trusted=True).run(commit=True)
    assert (again.unchanged, again.updated) == (1, 0)
    assert "still a possible duplicate of" in again.lines[0].reason

    moved = north(TAVERN, 120)
    path.write_text(f"id,name,lat,lon,category\np1,The Ealing Park Tavern,{moved[0]},{moved[1]},pub_cafe\n")
    changed = importer(path, mapping, trusted=True).run(commit=True)
    assert changed.updated == 1
    draft = Asset.objects.get(source_id="p1")
    assert not draft.live and draft.possible_duplicate_of is not None and draft.workflow_in_progress
    assert draft.latitude == pytest.approx(moved[0])


@pytest.mark.django_db
def test_one_venue_listed_twice_at_one_address_is_one_space(tmp_path):
    # The GLA file lists a pub with music under "Pubs" and again under "Music Venues".
    path = tmp_path / "partner.csv"
    path.write_text(
        "id,name,address,lat,lon,category\n"
        f"a,The Railway Tavern,2 Station Road,{TAVERN[0]},{TAVERN[1]},pub_cafe\n"
        f"b,Railway Tavern,2 Station Road,{north(TAVERN, 30)[0]},{TAVERN[1]},music_venue\n",
        encoding="utf-8",
    )
    spec = mapping_from_flags(
        id_column="id",
        lat_column="lat",
        lon_column="lon",
        address_column="address",
        category_column="category",
    )
    report = importer(path, ColumnMapping.from_dict(spec, allowed_fields=IMPORT_FIELDS), trusted=True).run(
        commit=True
    )
    assert (report.created, report.merged) == (1, 1)
    assert report.lines_of("merged")[0].reason.startswith("same space as row 2 “The Railway Tavern”")
    space = Asset.objects.get()
    assert space.live and space.categories == ["pub_cafe", "music_venue"]


@pytest.mark.django_db
def test_a_dry_run_reports_the_same_and_writes_nothing(tmp_path):
    AssetFactory(name="Ealing Park Tavern", categories=["pub_cafe"], latitude=TAVERN[0], longitude=TAVERN[1])
    path, mapping = partner_csv(tmp_path, f"p1,Ealing Park Tavern,{TAVERN[0]},{TAVERN[1]},pub_cafe\n")
    report = importer(path, mapping).run()
    assert "sent to moderation" in report.lines[0].reason
    assert Asset.objects.count() == 1

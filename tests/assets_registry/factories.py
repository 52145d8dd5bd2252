"""Factories for the registry. ``AssetFactory`` makes published (public) assets by default,
through Wagtail's revisions, the same way an approval does; ``live=False`` makes a draft."""

import factory

from assets_registry.models import Asset, ModeratorScope

# Real positions in Ealing (postcode centres from Code-Point Open).
EALING_BROADWAY = (51.5130, -0.3015)
W5_2HL = (51.50848, -0.30689)
EALING = {"admin_district_code": "E09000009", "admin_district_name": "Ealing"}
ESSEX = {
    "admin_district_code": "E07000070",
    "admin_district_name": "Chelmsford",
    "admin_county_code": "E10000012",
    "admin_county_name": "Essex",
}


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    name = factory.Sequence(lambda n: f"Community Hall {n}")
    description = "A hall where neighbours meet."
    categories = factory.LazyFunction(lambda: ["community_centre"])
    third_space_types = factory.LazyFunction(lambda: ["purpose"])
    setting = "civic"
    kind = "physical"
    latitude = EALING_BROADWAY[0]
    longitude = EALING_BROADWAY[1]
    postcode = "W5 2HL"
    locality = "Ealing"
    country = "GB"
    admin_district_code = EALING["admin_district_code"]
    admin_district_name = EALING["admin_district_name"]
    location_source = "gazetteer"
    location_precision = "postcode"
    data_source = "test"
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from assets_registry.personal_data import contact_record

        live = kwargs.pop("live", True)
        submitter_email = kwargs.pop("submitter_email", "")  # recorded apart, as a submission's is
        asset = model_class(*args, live=False, **kwargs)
        asset.save()
        contact_record(asset, submitter_email)
        revision = asset.save_revision()
        if live:
            revision.publish()
            asset.refresh_from_db()
        return asset


class ModeratorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModeratorScope

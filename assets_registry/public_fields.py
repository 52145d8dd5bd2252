"""Which of a space's fields are public, in one place: what may leave the site (API, GeoJSON, CSV,
HSDS), and the groups that residents' submissions and partners' imports may fill.

The moderation state is never public; a submitter's e-mail is not a field of a space at all
(``personal_data``). The order is the order of the
CSV export's columns.
"""

# What describes a space: a resident may give these, an import may fill them, all are public.
DESCRIPTION_FIELDS = (
    "name",
    "description",
    "categories",
    "third_space_types",
    "setting",
    "kind",
    "audience",
    "free",
    "open_to_all",
    "mixed_ages",
    "step_free",
    "languages",
    "accessibility_notes",
    "address",
    "postcode",
    "locality",
    "region",
    "country",
)
CONTACT_FIELDS = ("website", "phone", "public_email", "opening_hours_notes")
COORDINATE_FIELDS = ("latitude", "longitude")
# The local authority a position falls in (from the source or the gazetteer).
AREA_FIELDS = ("admin_district_code", "admin_district_name", "admin_county_code", "admin_county_name")

PUBLIC_FIELDS = (
    "id",
    "slug",
    *DESCRIPTION_FIELDS,
    *COORDINATE_FIELDS,
    "location_source",
    "location_precision",
    "location_basis",
    *AREA_FIELDS,
    *CONTACT_FIELDS,
    "timezone",
    "status",
    "last_verified",
    "data_source",
    "source_id",
    "created_at",
    "updated_at",
)
# What the find-a-space map needs of each space (its marker and pop-up), taken from the public
# fields: up to 2,000 markers load on a phone, so not every description and contact detail.
MAP_FIELDS = (
    "id",
    "slug",
    "name",
    "categories",
    "third_space_types",
    "setting",
    "kind",
    "postcode",
    "locality",
    *COORDINATE_FIELDS,
    "status",
)
assert set(MAP_FIELDS) <= set(PUBLIC_FIELDS)

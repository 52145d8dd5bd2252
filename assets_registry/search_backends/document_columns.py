"""What a find-a-space document is read from: its columns, and so the fields whose change must
reach the index. Apart from ``documents`` so that the registry's signals can know them without
loading elasticsearch-dsl (a quarter of a second at start-up) on sites without Elasticsearch.
"""

# The yes/no features of a space (a document also lists the true ones as one keyword field).
FEATURES = ("free", "step_free", "open_to_all", "mixed_ages")
# Columns read for a document: plain tuples, no model instances (a rebuild reads a million rows).
COLUMNS = (
    "id",
    "name",
    "description",
    "search_keywords",
    "latitude",
    "longitude",
    "category_mask",
    "third_space_mask",
    "kind",
    "setting",
    *FEATURES,
    "status",
    "country",
    "admin_district_code",
    "admin_county_code",
    "timezone",
    "updated_at",
)

# A save that touches none of these leaves the document as it is: the columns, the editable
# lists the masks are derived from, and ``live`` (only public spaces have a document).
INDEXED_FIELDS = frozenset(COLUMNS) - {"id"} | {"categories", "third_space_types", "live"}

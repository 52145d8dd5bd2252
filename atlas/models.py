"""The atlas: areas, indicators and their values, and the spaces that fall in each area.

Geography without GDAL: an area's simplified boundary is stored as GeoJSON text (shapely reads
it), with its bounding box in four indexed columns so "which areas contain this point" first
narrows to a handful of rows in SQL and only then tests the polygons.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class AreaKind(models.TextChoices):
    US_COUNTY = "us_county", "US county"
    US_ZIP = "us_zip", "US ZIP code"
    UK_LAD = "uk_lad", "UK local authority"
    UK_POSTCODE_DISTRICT = "uk_postcode_district", "UK postcode district"
    UK_MSOA = "uk_msoa", "UK middle layer super output area"
    LONDON_BOROUGH = "london_borough", "London borough"


# Plural nouns for headings and table captions ("all US counties").
KIND_PLURALS = {
    AreaKind.US_COUNTY: "US counties",
    AreaKind.US_ZIP: "US ZIP codes",
    AreaKind.UK_LAD: "UK local authorities",
    AreaKind.UK_POSTCODE_DISTRICT: "UK postcode districts",
    AreaKind.UK_MSOA: "UK MSOAs",
    AreaKind.LONDON_BOROUGH: "London boroughs",
}
KIND_COUNTRIES = {
    AreaKind.US_COUNTY: "US",
    AreaKind.US_ZIP: "US",
    AreaKind.UK_LAD: "GB",
    AreaKind.UK_POSTCODE_DISTRICT: "GB",
    AreaKind.UK_MSOA: "GB",
    AreaKind.LONDON_BOROUGH: "GB",
}


class Area(models.Model):
    """A statistical or administrative area that indicators are published for."""

    kind = models.CharField(max_length=24, choices=AreaKind.choices, db_index=True)
    # Codes are strings, never numbers: FIPS 01001 and ZIP 02134 keep their leading zeros.
    code = models.CharField(max_length=16, help_text="FIPS, ZIP, GSS code or outward code.")
    name = models.CharField(max_length=120, db_index=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2: US or GB.")
    region = models.CharField(max_length=60, blank=True, help_text="US state or UK county/region.")
    # Simplified WGS84 geometry (GeoJSON Polygon/MultiPolygon text); blank when no boundary is known.
    boundary = models.TextField(blank=True)
    boundary_source = models.CharField(max_length=120, blank=True)
    centroid_lat = models.FloatField(null=True, blank=True)
    centroid_lon = models.FloatField(null=True, blank=True)
    # Bounding box of the boundary, for the SQL prefilter before point-in-polygon.
    min_lat = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="atlas_area_kind_code")]
        indexes = [
            models.Index(fields=["min_lat", "max_lat", "min_lon", "max_lon"], name="atlas_area_bbox"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()} {self.code})"

    def get_absolute_url(self) -> str:
        return reverse("atlas:area", kwargs={"kind": self.kind, "code": self.code})

    @property
    def has_boundary(self) -> bool:
        return bool(self.boundary)

    @property
    def kind_plural(self) -> str:
        return KIND_PLURALS.get(self.kind, self.get_kind_display())


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
        LOWER_IS_BETTER = "lower_is_better", "Lower is better"
        # Some published measures describe a network without a better or worse end
        # (e.g. how clustered high-income people's friendships are).
        NEUTRAL = "neutral", "Neither higher nor lower is better"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=40, blank=True, help_text="For table headings and the legend.")
    description = models.TextField(help_text="What the measure means, in plain words.")
    definition = models.TextField(blank=True, help_text="The source's own definition (its codebook).")
    source = models.CharField(max_length=200)
    source_url = models.URLField(blank=True)
    vintage = models.CharField(max_length=40, help_text="Release or reference period, e.g. 'July 2022'.")
    citation = models.TextField()
    licence = models.CharField(max_length=120, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER)
    country = models.CharField(max_length=2, help_text="Percentiles are national: within this country.")
    # Columns in the source file, by area kind ({"us_county": "ec_county", ...}): documentation,
    # and how re-imports find the same indicator.
    source_columns = models.JSONField(default=dict, blank=True)
    # Lower numbers first in lists; the first of a country is the map's default.
    sort_order = models.PositiveSmallIntegerField(default=100)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["country", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class IndicatorValue(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.FloatField()
    standard_error = models.FloatField(null=True, blank=True)
    # Share (0-100) of the country's areas of the same kind with a lower value, ties counted
    # half: recomputed by services.indicator_percentiles_refresh after every import.
    percentile = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "indicator"], name="atlas_value_area_indicator")
        ]
        indexes = [models.Index(fields=["indicator", "value"], name="atlas_value_ind_value")]

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.area.code} = {self.value}"


class AreaAsset(models.Model):
    """A public space lies in an area (one row per area it falls in: county, ZIP, borough…).

    Kept in step with every change to spaces by ``atlas.signals`` and rebuilt in full by
    ``manage.py assign_assets_to_areas``.
    """

    METHOD_POLYGON = "polygon"
    METHOD_POSTCODE = "postcode"
    METHOD_NEAREST = "nearest_centroid"
    METHOD_CHOICES = [
        (METHOD_POLYGON, "Inside the area's boundary"),
        (METHOD_POSTCODE, "By its postcode or ZIP code"),
        (METHOD_NEAREST, "Nearest ZIP centroid (no ZIP boundaries are shipped)"),
    ]

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="asset_links")
    asset = models.ForeignKey("assets_registry.Asset", on_delete=models.CASCADE, related_name="atlas_links")
    method = models.CharField(max_length=20, choices=METHOD_CHOICES, default=METHOD_POLYGON)
    # Copied from the space when it is placed (and on every publication), so the atlas table
    # can count open spaces and third spaces per area without joining the registry's table.
    is_open = models.BooleanField(default=True)
    is_third_space = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "asset"], name="atlas_areaasset_unique")]
        indexes = [models.Index(fields=["area", "is_open", "is_third_space"], name="atlas_areaasset_counts")]

    def __str__(self) -> str:
        return f"{self.asset_id} in {self.area_id}"


class PilotPlace(models.Model):
    """A programme pilot (Ealing, Essex, Baltimore, Boston): a named group of areas."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    country = models.CharField(max_length=2)
    summary = models.TextField(blank=True)
    areas = models.ManyToManyField(Area, related_name="pilot_places", blank=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("atlas:pilot", kwargs={"slug": self.slug})

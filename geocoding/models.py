"""The offline gazetteer: lean tables loaded by `manage.py load_gazetteer`, read by `selectors.py`.

Rows stay lean because there are 1.7M GB postcodes: admin area names live once in `AdminArea`
(joined in Python from a cached dict) instead of on every postcode row.
"""

from django.db import models


class AdminArea(models.Model):
    """A named area: GB local authority, county or country (GSS code); US county (FIPS) or state."""

    KIND_CHOICES = [
        ("country", "Country"),
        ("county", "County"),
        ("district", "Local authority district"),
        ("us_state", "US state"),
        ("us_county", "US county"),
    ]

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class GBPostcode(models.Model):
    """A GB postcode unit (Ordnance Survey Code-Point Open) at its WGS84 position."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Normalised, e.g. 'W5 2HL'.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    country_code = models.CharField(max_length=9, help_text="GSS code: E92000001 England, S…, W….")
    admin_district_code = models.CharField(max_length=9, help_text="Local authority GSS code.")
    admin_county_code = models.CharField(max_length=9, blank=True, help_text="Empty outside two-tier areas.")

    class Meta:
        verbose_name = "GB postcode"
        # The bounding-box prefilter for reverse geocoding (nearest postcode to a pin).
        indexes = [models.Index(fields=["latitude", "longitude"], name="geocoding_gbpc_latlon")]

    def __str__(self):
        return self.postcode


class GBPostcodeDistrict(models.Model):
    """An outward code (W5, SS1) at the mean position of its postcodes, with its main local authority."""

    outward = models.CharField(max_length=4, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    postcode_count = models.PositiveIntegerField()
    country_code = models.CharField(max_length=9)
    admin_district_code = models.CharField(
        max_length=9, help_text="The local authority of most of its postcodes."
    )
    admin_county_code = models.CharField(max_length=9, blank=True)

    class Meta:
        verbose_name = "GB postcode district"
        indexes = [models.Index(fields=["latitude", "longitude"], name="geocoding_gbpd_latlon")]

    def __str__(self):
        return self.outward


class USZip(models.Model):
    """A US ZIP code at its Census ZCTA internal point, with the ZCTA's county (5-digit FIPS) and state.

    A ZIP without a ZCTA (PO boxes, single organisations) sits at its post office (`zcta` False).
    """

    zip = models.CharField(max_length=5, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    city = models.CharField(max_length=60)
    state = models.CharField(max_length=2)
    county_fips = models.CharField(max_length=5, blank=True)
    county_name = models.CharField(max_length=60, blank=True)
    STANDARD = "STANDARD"
    kind = models.CharField(
        max_length=8, default=STANDARD, help_text="USPS type: STANDARD, PO BOX, UNIQUE (one organisation)."
    )
    zcta = models.BooleanField(
        "ZCTA point",
        default=False,
        help_text="At the Census ZIP Code Tabulation Area's internal point (else at a post office).",
    )

    class Meta:
        verbose_name = "US ZIP code"
        indexes = [models.Index(fields=["latitude", "longitude"], name="geocoding_uszip_latlon")]

    def __str__(self):
        return self.zip


class Place(models.Model):
    """A GB or US populated place (GeoNames cities of 1,000+ people)."""

    geonameid = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True, help_text="parsers.place_key(name), for lookup.")
    country = models.CharField(max_length=2)
    admin1 = models.CharField(max_length=100, blank=True, help_text="England, Scotland…; a US state's name.")
    admin1_code = models.CharField(max_length=10, blank=True, help_text="ENG…; a US state's postal code.")
    admin2 = models.CharField(max_length=120, blank=True, help_text="Local authority or US county name.")
    admin_district_code = models.CharField(max_length=9, blank=True)
    admin_county_code = models.CharField(max_length=9, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="geocoding_place_latlon")]

    def __str__(self):
        return f"{self.name}, {self.admin1_code or self.admin1}, {self.country}"


class AreaPlace(models.Model):
    """A GB county or local authority district, or a US county, as a place people name ("Essex",
    "Southend-on-Sea", "Baltimore County"), at the mean position of its postcodes or ZIP codes."""

    KIND_CHOICES = [
        ("county", "County"),
        ("district", "Local authority area"),
        ("us_county", "US county"),
    ]

    code = models.CharField(max_length=9, primary_key=True, help_text="GSS code, or a US county's FIPS.")
    name = models.CharField(max_length=120)
    key = models.CharField(max_length=120, db_index=True, help_text="parsers.place_key(name), for lookup.")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    country = models.CharField(max_length=2)
    region = models.CharField(
        max_length=60, blank=True, help_text="England, Scotland, Wales; a US state's name."
    )
    region_code = models.CharField(max_length=10, blank=True, help_text="A US state's postal code.")
    county_code = models.CharField(max_length=9, blank=True, help_text="A GB district's county, if any.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    point_count = models.PositiveIntegerField(help_text="Postcodes or ZIP codes its position is the mean of.")

    class Meta:
        verbose_name = "area as a place"

    def __str__(self):
        return f"{self.name}, {self.region or self.country}"


class GazetteerLoad(models.Model):
    """What each source last loaded: `load_gazetteer` skips a source already at the same version."""

    source = models.CharField(max_length=20, primary_key=True)
    version = models.TextField()
    data_version = models.CharField(
        max_length=200, blank=True, help_text="The data loaded: package, version and data year."
    )
    row_count = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.source} {self.version} ({self.row_count} rows)"

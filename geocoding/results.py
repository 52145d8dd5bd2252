"""`GeocodeResult`: what every geocoder in the chain answers with (re-exported by services.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

PRECISIONS = ("postcode", "postcode_district", "zip", "place", "area", "address", "point")
SOURCES = ("gazetteer", "nominatim")


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    label: str
    precision: str  # one of PRECISIONS
    source: str  # one of SOURCES
    country: str = ""  # ISO 3166-1 alpha-2: "GB", "US", …; "" when unknown
    postcode: str = ""  # normalised UK postcode ("W5 2HL") or US ZIP ("21201"); "" when not known
    # GB: local authority (GSS code, e.g. E09000009 Ealing) and county (E10000012 Essex; "" for unitary
    # authorities and London boroughs). US: both hold the county (5-digit FIPS, e.g. 24510, and its
    # name), because a US county is both the local government and the county: a moderator scoped to
    # either code matches.
    admin_district_code: str = ""
    admin_district_name: str = ""
    admin_county_code: str = ""
    admin_county_name: str = ""
    region: str = ""  # GB: England, Scotland or Wales; US: the state's postal code (MD)
    distance_m: float | None = None  # reverse geocoding: from the point asked about to this result
    # A gazetteer place or area (places.Candidate.id: E10000012, us-24510, gn-4354428): what a page
    # puts in `?place=` to remember which of several same-named places the resident chose.
    place_id: str = ""
    # Set when the answer is coarser than what was asked for and the resident should know why:
    # "Northern Ireland postcodes are not in the open Code-Point data; …" (geocoding/uk_postcodes.py).
    warning: str = ""

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> GeocodeResult:
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

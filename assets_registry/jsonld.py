"""schema.org JSON-LD for a space's page (search engines, maps and other directories read it)."""

from __future__ import annotations

import json

from assets_registry.models import Asset

# First matching category decides the schema.org type; CivicStructure otherwise.
SCHEMA_TYPES = {
    "place_of_worship": "PlaceOfWorship",
    "library": "Library",
    "museum_gallery": "Museum",
    "theatre": "PerformingArtsTheater",
    "cinema": "MovieTheater",
    "music_venue": "MusicVenue",
    "sports_centre": "SportsActivityLocation",
    "sports_club": "SportsActivityLocation",
    "park_garden": "Park",
    "pub_cafe": "BarOrPub",
    "community_centre": "CivicStructure",
}
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def asset_schema(asset: Asset, request=None) -> dict:
    schema_type = next(
        (SCHEMA_TYPES[c] for c in asset.categories or () if c in SCHEMA_TYPES), "CivicStructure"
    )
    url = request.build_absolute_uri(asset.get_absolute_url()) if request else asset.get_absolute_url()
    data: dict = {"@context": "https://schema.org", "@type": schema_type, "name": asset.name, "url": url}
    if asset.description:
        data["description"] = asset.description
    address = {
        "@type": "PostalAddress",
        "streetAddress": asset.address,
        "addressLocality": asset.locality,
        "addressRegion": asset.region,
        "postalCode": asset.postcode,
        "addressCountry": asset.country,
    }
    data["address"] = {k: v for k, v in address.items() if v}
    if asset.has_location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": asset.latitude, "longitude": asset.longitude}
    if asset.website:
        data["sameAs"] = asset.website
    if asset.phone:
        data["telephone"] = asset.phone
    if asset.public_email:
        data["email"] = asset.public_email
    # Yes/no facts: said when known (true or false), left out when not known.
    if asset.free is not None:
        data["isAccessibleForFree"] = asset.free
    hours = list(asset.opening_hours.all())
    if hours:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAY_NAMES[h.weekday]}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in hours
        ]
    if asset.step_free is not None:
        data["amenityFeature"] = {
            "@type": "LocationFeatureSpecification",
            "name": "Step-free access",
            "value": asset.step_free,
        }
    if asset.status == "closed":
        data["publicAccess"] = False
    return data


def json_for_script(data) -> str:
    """JSON safe inside a <script> element (the same escapes as Django's json_script)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def asset_json_ld(asset: Asset, request=None) -> str:
    return json_for_script(asset_schema(asset, request))

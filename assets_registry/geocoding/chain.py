"""The fallback chain: offline gazetteer, then the online geocoder when configured (filled in next)."""

from __future__ import annotations


class GeocoderChain:
    def geocode(self, query: str, *, country: str | None = None):
        return None

    def reverse(self, latitude: float, longitude: float):
        return None


def default_chain() -> GeocoderChain:
    return GeocoderChain()

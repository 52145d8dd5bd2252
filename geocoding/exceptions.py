"""Errors callers of the geocoding service can act on."""


class GeocodingError(Exception):
    """Base class for geocoding errors."""


class InvalidLocation(GeocodingError, ValueError):
    """The query looks like a postcode or ZIP code but is malformed; `message` says what is wrong."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class GeocodingUnavailable(GeocodingError):
    """The online geocoder is configured but timed out or failed, and the gazetteer found nothing.

    Callers should keep what the user submitted and queue a retry.
    """

"""Errors callers of the geocoding service can act on."""


class GeocodingError(Exception):
    """Base class for geocoding errors."""


class InvalidLocation(GeocodingError, ValueError):
    """The query cannot be located as typed (a malformed postcode or ZIP code, or a postcode that
    names no place); `message` says what is wrong and what to try."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PostcodeNotLocatable(InvalidLocation):
    """A well-formed UK postcode or district that names no place we can give: non-geographic (BX,
    BFPO, GIR 0AA, PO-box districts), an overseas territory's, every postcode terminated, or no such
    district. `message` says which and what to try; `reason` is a short code for API clients."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


class GeocodingUnavailable(GeocodingError):
    """The online geocoder is configured but timed out or failed, and the gazetteer found nothing.

    Callers should keep what the user submitted and queue a retry.
    """


class GeocodingPending(GeocodingUnavailable):
    """Only the online geocoder could answer, and pages never wait for it: the lookup is queued for a
    background worker and its answer will be cached. `message` says so; callers keep what was typed."""

    def __init__(self, query: str):
        self.message = f"We are looking up “{query}” online. Try again in a minute."
        super().__init__(self.message)

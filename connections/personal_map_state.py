"""A personal map in progress, carried between the no-JS form's pages in the form itself.

Nothing is stored on the server until the resident saves: each page posts back a signed hidden
field (django.core.signing, compressed) holding the answers so far, the postcode district and
the places they asked us to suggest to the registry. Signing stops a page from being fed a state
we did not make; the content is the resident's own, in their own browser, so it is not secret.
Whatever comes back is still read through ``answers.parse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError

from connections import answers as answers_module

SALT = "connections.personal_map.state"
STATE_FIELD = "state"
EMPTY_ANSWERS = {"people": [], "places": [], "groups": [], "gives": [], "gets": []}


@dataclass
class MapState:
    answers: dict = field(default_factory=lambda: {k: list(v) for k, v in EMPTY_ANSWERS.items()})
    district: str = ""  # the postcode's outward code only (W5), never the full postcode
    suggested: list[str] = field(default_factory=list)  # typed places already sent to the registry

    def parsed(self) -> answers_module.Answers:
        return answers_module.parse(self.answers)

    def with_answers(self, data: dict) -> MapState:
        """A copy holding ``data`` once it parses (raises ValidationError with parse's messages)."""
        parsed = answers_module.parse(data)
        return MapState(answers=parsed.as_json(), district=self.district, suggested=list(self.suggested))

    def sign(self) -> str:
        payload = {"a": self.answers, "d": self.district, "s": self.suggested}
        return signing.dumps(payload, salt=SALT, compress=True)


def state_from_signed(value: str | None) -> MapState:
    """The state a page posted back; an empty one when absent, tampered with or unreadable."""
    if not value:
        return MapState()
    try:
        payload = signing.loads(value, salt=SALT)
        state = MapState(
            answers=answers_module.parse(payload["a"]).as_json(),
            district=str(payload.get("d", ""))[:8],
            suggested=[str(name) for name in payload.get("s", [])][: answers_module.MAX_PLACES],
        )
    except (signing.BadSignature, ValidationError, KeyError, TypeError, ValueError, AttributeError):
        return MapState()
    return state

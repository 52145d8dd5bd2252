"""My connection map: the resident's guided form, their map, downloads, save/open/delete.

No account and no server-side state until they save: every page posts back the answers so far
in a signed hidden field (personal_map_state). Buttons that move on carry ``formaction`` to the
next page's address, so the address bar matches the page; the hidden ``from`` field says which
page's answers the post carries. Thin: reading in forms and selectors, writing in services.
"""

from __future__ import annotations

import json
import re

import cairosvg

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from assets_registry.spam import client_address
from connections import map_svg
from connections import personal_map_services as services
from connections.answers import Exchange, Relationship, new_person_key, parse
from connections.models import PersonalMap
from connections.personal_map_forms import (
    ExchangeForm,
    GroupForm,
    OpenForm,
    PersonForm,
    PlaceForm,
    PostcodeForm,
    SaveForm,
    UploadForm,
)
from connections.personal_map_selectors import place_search, spaces_by_ids, spaces_unlike_yours
from connections.personal_map_state import STATE_FIELD, MapState, state_from_signed
from connections.survey_evidence import mixed_places_near

STEPS = {
    "postcode": "Where do you live?",
    "people": "Who are you in touch with?",
    "places": "Where do you meet them?",
    "groups": "Which groups do you belong to?",
    "exchange": "What do you give and get?",
}
STEP_NAMES = list(STEPS)
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
OWNER_SALT = "connections.personal_map.owner"
OWNER_MAX_AGE = 2 * 60 * 60  # an opened map may be changed or deleted for two hours
DOWNLOADS = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "json": "application/json",
}
PNG_WIDTH = 1200


def _quiet(response: HttpResponse) -> HttpResponse:
    """Keep a private link out of Django's request log (it logs the path of every 4xx)."""
    response._has_been_logged = True
    return response


# -- the steps ---------------------------------------------------------------------------------


def start(request: HttpRequest) -> HttpResponse:
    return render(
        request, "connections/map/start.html", {"title": "My connection map", "upload": UploadForm()}
    )


def _person_choices(state: MapState) -> list[tuple[str, str]]:
    return [(p.key, map_svg.person_text(p)) for p in state.parsed().people]


class StepError(Exception):
    def __init__(self, form, status: int = 400):
        super().__init__("step error")
        self.form, self.status = form, status


def _without(items: list[dict], index: str) -> list[dict]:
    try:
        n = int(index)
    except ValueError:
        return items
    return [item for i, item in enumerate(items) if i != n]


def _read_people(request, state: MapState, action: str) -> MapState:
    answers = dict(state.answers)
    if action.startswith("remove:"):
        key = action.split(":", 1)[1]
        answers["people"] = [p for p in answers["people"] if p["key"] != key]
        answers["places"] = [
            {**pl, "people": [k for k in pl["people"] if k != key]} for pl in answers["places"]
        ]
        return state.with_answers(answers)
    form = PersonForm(request.POST)
    if action != "add" and not request.POST.get("relationship"):
        return state  # moving on with an empty person form adds nobody
    if not form.is_valid():
        raise StepError(form)
    answers["people"] = [*answers["people"], form.person(new_person_key(answers["people"]))]
    return _parsed_or_error(state, answers, form)


def _parsed_or_error(state: MapState, answers: dict, form) -> MapState:
    try:
        return state.with_answers(answers)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        raise StepError(form) from None


def _read_places(request, state: MapState, action: str) -> tuple[MapState, dict]:
    answers = dict(state.answers)
    extra: dict = {}
    if action.startswith("remove:"):
        answers["places"] = _without(answers["places"], action.split(":", 1)[1])
        return state.with_answers(answers), extra
    found = place_search(query=request.POST.get("q", ""), district=state.district)
    extra["found"], extra["searched"] = found, request.POST.get("q", "").strip()
    if action == "search":
        return state, extra
    posted_space = request.POST.get("space", "")
    chosen = spaces_by_ids([int(posted_space)]) if posted_space.isdigit() and len(posted_space) < 12 else {}
    spaces = list({asset.pk: asset for asset in [*found, *chosen.values()]}.values())
    form = PlaceForm(request.POST, spaces=spaces, people=_person_choices(state))
    if action != "add" and not (posted_space or request.POST.get("name", "").strip()):
        return state, extra
    if not form.is_valid():
        raise StepError(form)
    data = form.cleaned_data
    space = chosen.get(data["space"]) if data["space"] else None
    name = space.name if space else data["name"].strip()
    answers["places"] = [
        *answers["places"],
        {"space": space.pk if space else None, "name": name, "people": data["people"]},
    ]
    new_state = _parsed_or_error(state, answers, form)
    if data["suggest"] and not space and name not in new_state.suggested:
        sent = services.place_suggest(name=name, district=state.district, address=client_address(request))
        if sent.sent:
            new_state.suggested.append(name)
            extra["suggested"] = name
        else:
            extra["suggest_wait"] = sent.retry_after_minutes
    return new_state, extra


def _read_groups(request, state: MapState, action: str) -> MapState:
    answers = dict(state.answers)
    if action.startswith("remove:"):
        answers["groups"] = _without(answers["groups"], action.split(":", 1)[1])
        return state.with_answers(answers)
    if action != "add" and not request.POST.get("name", "").strip():
        return state
    form = GroupForm(request.POST)
    if not form.is_valid():
        raise StepError(form)
    group = {"name": form.cleaned_data["name"], "kind": form.cleaned_data["kind"] or "other"}
    answers["groups"] = [*answers["groups"], group]
    return _parsed_or_error(state, answers, form)


def _read(request, state: MapState, step: str, action: str) -> tuple[MapState, dict]:
    """The posted page's answers merged into the state, checked by answers.parse."""
    if action == "back":
        return state, {}
    if step == "postcode":
        form = PostcodeForm(request.POST)
        if not form.is_valid():
            raise StepError(form)
        state.district = form.cleaned_data["postcode"]
        return state, {}
    if step == "people":
        return _read_people(request, state, action), {}
    if step == "places":
        return _read_places(request, state, action)
    if step == "groups":
        return _read_groups(request, state, action), {}
    form = ExchangeForm(request.POST)
    if not form.is_valid():
        raise StepError(form)
    return _parsed_or_error(state, {**state.answers, **form.cleaned_data}, form), {}


def _step_context(step: str, state: MapState, form=None, **extra) -> dict:
    index = STEP_NAMES.index(step)
    answers = state.parsed()
    blank_forms = {
        "postcode": lambda: PostcodeForm(initial={"postcode": state.district}),
        "people": PersonForm,
        "places": lambda: PlaceForm(spaces=extra.get("found", ()), people=_person_choices(state)),
        "groups": GroupForm,
        "exchange": lambda: ExchangeForm(initial={"gives": answers.gives, "gets": answers.gets}),
    }
    return {
        "title": STEPS[step],
        "step": step,
        "step_number": index + 1,
        "step_count": len(STEPS),
        "previous": STEP_NAMES[index - 1] if index else "",
        "next_url": reverse("connections:map_step", args=[STEP_NAMES[index + 1]])
        if index + 1 < len(STEPS)
        else reverse("connections:map_result"),
        "form": form or blank_forms[step](),
        "state": state,
        "signed_state": state.sign(),
        "answers": answers,
        "people_list": [(p.key, map_svg.person_text(p)) for p in answers.people],
        "people_labels": dict(_person_choices(state)),
        **extra,
    }


def _render_step(request, step: str, state: MapState, form=None, status: int = 200, **extra) -> HttpResponse:
    context = _step_context(step, state, form, **extra)
    return render(request, "connections/map/step.html", context, status=status)


def _posted(request, default_step: str) -> tuple[MapState, str, str]:
    state = state_from_signed(request.POST.get(STATE_FIELD))
    posted_from = request.POST.get("from", "")
    return (
        state,
        posted_from if posted_from in STEPS else default_step,
        str(request.POST.get("action", "next"))[:40],
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such question.")
    if request.method == "GET":
        return _render_step(request, step, MapState())
    state, posted_from, action = _posted(request, step)
    try:
        state, extra = _read(request, state, posted_from, action)
    except StepError as error:
        return _render_step(request, posted_from, state, error.form, status=error.status)
    shown = posted_from if action in {"add", "search"} or action.startswith("remove:") else step
    return _render_step(request, shown, state, **extra)


# -- the map -----------------------------------------------------------------------------------


def _map_context(request, state: MapState, *, owner_token: str = "", save_form=None, **extra) -> dict:
    answers = state.parsed()
    spaces = spaces_by_ids([place.space for place in answers.places if place.space])
    names = {pk: asset.name for pk, asset in spaces.items()}
    people = {p.key: p for p in answers.people}
    return {
        "title": "Your connection map",
        "state": state,
        "signed_state": state.sign(),
        "answers": answers,
        "summary": map_svg.summary(answers),
        "svg": mark_safe(
            map_svg.render(answers, space_names=names, id_prefix="connection-map", legend=False)
        ),
        "people_groups": [
            (label, [map_svg.person_text(p) for p in answers.people if p.relationship == value])
            for value, label in Relationship.choices
            if any(p.relationship == value for p in answers.people)
        ],
        "places": [
            {
                "number": n,
                "name": names.get(place.space) or place.name,
                "asset": spaces.get(place.space),
                "people": [map_svg.person_text(people[key]) for key in place.people if key in people],
            }
            for n, place in enumerate(answers.places, 1)
        ],
        "gives": [Exchange(v).label for v in answers.gives],
        "gets": [Exchange(v).label for v in answers.gets],
        "key": [
            (map_svg.RELATIONSHIP_STYLE[value][1], label)
            for value, label in Relationship.choices
            if any(p.relationship == value for p in answers.people)
        ],
        "unlike": spaces_unlike_yours(district=state.district, used_ids=list(spaces)),
        "survey_places": mixed_places_near(district=state.district, used_ids=set(spaces)),
        "save_form": save_form or SaveForm(),
        "owner_proof": signing.dumps(owner_token, salt=OWNER_SALT) if owner_token else "",
        "owner_token": owner_token,
        **extra,
    }


def _render_map(request, state: MapState, *, status: int = 200, **kwargs) -> HttpResponse:
    return render(
        request, "connections/map/result.html", _map_context(request, state, **kwargs), status=status
    )


@require_http_methods(["GET", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect("connections:map_start")
    state, posted_from, action = _posted(request, "exchange")
    if STATE_FIELD in request.POST and posted_from in STEPS and "from" in request.POST:
        try:
            state, _extra = _read(request, state, posted_from, action)
        except StepError as error:
            return _render_step(request, posted_from, state, error.form, status=error.status)
    return _render_map(request, state)


@require_POST
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404("We offer the map as SVG, PNG or JSON.")
    state = state_from_signed(request.POST.get(STATE_FIELD))
    answers = state.parsed()
    if fmt == "json":
        body = json.dumps({"version": 1, **answers.as_json()}, indent=2, ensure_ascii=False).encode()
    else:
        spaces = spaces_by_ids([place.space for place in answers.places if place.space])
        svg = map_svg.document(map_svg.render(answers, space_names={pk: a.name for pk, a in spaces.items()}))
        body = (
            svg.encode()
            if fmt == "svg"
            else cairosvg.svg2png(bytestring=svg.encode(), output_width=PNG_WIDTH)
        )
    response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f'attachment; filename="my-connection-map.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            answers = parse(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", "That file is not a connection map we can read:")
            for message in error.messages:
                form.add_error("file", message)
        else:
            return _render_map(
                request, MapState(answers=answers.as_json(), district=form.cleaned_data["postcode"])
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request, "connections/map/start.html", {"title": "My connection map", "upload": form}, status=status
    )


# -- saved maps ---------------------------------------------------------------------------------


def _owner_token(request) -> str:
    """The link of the saved map this page was opened from, when its proof is good and recent."""
    try:
        token = signing.loads(request.POST.get("owner", ""), salt=OWNER_SALT, max_age=OWNER_MAX_AGE)
    except signing.BadSignature:
        return ""
    return token if isinstance(token, str) and TOKEN_RE.match(token) else ""


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    state = state_from_signed(request.POST.get(STATE_FIELD))
    owner = _owner_token(request)
    saved = PersonalMap.objects.filter(token=owner).first() if owner else None
    if saved is not None:
        services.personal_map_update(saved=saved, answers=state.parsed(), district=state.district)
        return _quiet(_render_map(request, state, owner_token=owner, changes_saved=True))
    form = SaveForm(request.POST)
    if not form.is_valid():
        return _render_map(request, state, save_form=form, status=400)
    saved = services.personal_map_save(
        answers=state.parsed(), district=state.district, passphrase=form.cleaned_data["passphrase"]
    )
    link = request.build_absolute_uri(reverse("connections:map_open", args=[saved.token]))
    return _quiet(render(request, "connections/map/saved.html", {"title": "Your map is saved", "link": link}))


def _gone(request) -> HttpResponse:
    return _quiet(
        render(request, "connections/map/gone.html", {"title": "This map no longer exists"}, status=404)
    )


@require_http_methods(["GET", "POST"])
def open_saved(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_RE.match(token) or not PersonalMap.objects.filter(token=token).exists():
        return _gone(request)
    form = OpenForm(request.POST or None)
    context = {"title": "Open your saved map", "form": form, "token": token}
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.personal_map_open(
                token=token, passphrase=form.cleaned_data["passphrase"], address=client_address(request)
            )
        except services.MapGone:
            return _gone(request)
        except services.TooManyAttempts as error:
            context["wait_minutes"] = error.retry_after_minutes
            return _quiet(render(request, "connections/map/open.html", context, status=429))
        except services.WrongPassphrase:
            form.add_error(
                "passphrase",
                "That passphrase is not the one this map was saved with. Check it and try again.",
            )
        else:
            failed = services.personal_map_seen(saved)
            state = state_from_signed(
                MapState(answers=saved.answers, district=saved.postcode_district).sign()
            )
            return _quiet(_render_map(request, state, owner_token=token, failed_before=failed))
    status = 400 if request.method == "POST" else 200
    return _quiet(render(request, "connections/map/open.html", context, status=status))


@require_POST
def delete(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_RE.match(token) or _owner_token(request) != token:
        return _quiet(
            render(
                request,
                "connections/map/open.html",
                {"title": "Open your saved map", "form": OpenForm(), "token": token, "delete_expired": True},
                status=403,
            )
        )
    services.personal_map_delete(token=token)
    return _quiet(render(request, "connections/map/deleted.html", {"title": "Your saved map is deleted"}))

"""One screen of an interview each: what it shows and what a POST to it saves (a draft every time).

Each handler takes the request and the interview and returns a response (after a save: a redirect
to the next screen) or the context of its template, ``connections/survey/step_<name>.html``. A
form that fails validation is shown again with what was typed, and the draft keeps what it had.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from connections import interviews_forms as forms
from connections import interviews_services as services
from connections.answers import Closeness, Frequency, GroupKind, Relationship, new_person_key
from connections.interviews_selectors import survey_space_search
from connections.models import Interview
from connections.survey_bands import ONS4_INTRO


@dataclass(frozen=True)
class Step:
    name: str
    title: str


STEPS = [
    Step("consent", "Consent"),
    Step("code", "Respondent code"),
    Step("about", "About the respondent"),
    Step("people", "People they are in touch with"),
    Step("places", "Places where they meet people"),
    Step("groups", "Groups they belong to"),
    Step("exchange", "What they give and get"),
    Step("wellbeing", "Well-being (ONS4)"),
    Step("check", "Check and complete"),
]
STEP_NAMES = [step.name for step in STEPS]


def step_url(interview: Interview, name: str) -> str:
    return reverse("connections:interview_step", args=[interview.survey.slug, interview.pk, name])


def next_step(interview: Interview, name: str):
    following = STEP_NAMES[STEP_NAMES.index(name) + 1]
    return redirect(step_url(interview, following))


def _save(form, interview: Interview, **changes) -> bool:
    """Save a step; a refusal becomes the form's errors (by field when it names one)."""
    try:
        services.interview_save(interview=interview, **changes)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = field if field in form.fields else None
                for message in errors:
                    form.add_error(target, message.messages[0] if hasattr(message, "messages") else message)
        else:
            for message in error.messages:
                form.add_error(None, message)
        interview.refresh_from_db()
        return False
    return True


def consent(request, interview):
    form = forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["consent"] == "no":
            services.interview_consent(interview=interview, given=False)
            messages.info(request, "The respondent did not consent: nothing about them was kept.")
            return redirect("connections:interviews", interview.survey.slug)
        services.interview_consent(interview=interview, given=True)
        return next_step(interview, "consent")
    return {"form": form}


def code(request, interview):
    form = forms.CodeForm(request.POST or None, initial={"respondent_code": interview.respondent_code})
    saved = request.method == "POST" and form.is_valid()
    if saved and _save(form, interview, respondent_code=form.cleaned_data["respondent_code"]):
        return next_step(interview, "code")
    return {"form": form}


def about(request, interview):
    initial = {"age_band": interview.age_band, **{f"band_{k}": v for k, v in interview.bands.items()}}
    form = forms.AboutForm(request.POST or None, survey=interview.survey, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and _save(form, interview, age_band=form.cleaned_data["age_band"], bands=form.bands()):
        return next_step(interview, "about")
    return {"form": form}


def _answers(interview: Interview) -> dict:
    answers = {"people": [], "places": [], "groups": [], "gives": [], "gets": []}
    answers.update(interview.answers or {})
    return answers


def _remove(request, interview, listing: str) -> bool:
    """A "Remove" button: drop one item (and a removed person from the places they were met at)."""
    answers = _answers(interview)
    try:
        index = int(request.POST.get("remove", ""))
        removed = answers[listing].pop(index)
    except (ValueError, IndexError):
        return False
    if listing == "people":
        for place in answers["places"]:
            place["people"] = [key for key in place["people"] if key != removed["key"]]
    services.interview_save(interview=interview, answers=answers)
    return True


def _list_step(request, interview, listing: str, form):
    """People, places and groups: add one at a time, remove any, continue when done."""
    if request.method == "POST":
        if "remove" in request.POST:
            _remove(request, interview, listing)
            return redirect(step_url(interview, listing))
        if "continue" in request.POST:
            return next_step(interview, listing)
    return None


def person_label(n: int, person: dict) -> str:
    unlike = [aspect for aspect, value in person.get("like_me", {}).items() if value == "unlike"]
    return (
        f"Person {n}: {Relationship(person['relationship']).label}, "
        f"{Frequency(person['frequency']).label.lower()}, {Closeness(person['closeness']).label.lower()}"
        + (f"; unlike them in {' and '.join(unlike)}" if unlike else "")
    )


def place_label(n: int, place: dict, people: list[dict]) -> str:
    numbers = {person["key"]: str(i) for i, person in enumerate(people, 1)}
    met = [f"person {numbers[key]}" for key in place.get("people", []) if key in numbers]
    where = place.get("name") or f"space {place.get('space')}"
    return f"Place {n}: {where}" + (f" (meets {', '.join(met)})" if met else "")


def group_label(n: int, group: dict) -> str:
    return f"Group {n}: {group['name']} ({GroupKind(group['kind']).label.lower()})"


ITEM_NOUNS = {"people": "Person", "places": "Place", "groups": "Group"}


def _add(request, interview, answers: dict, listing: str, form, item: dict):
    """Add ``item`` to the draft's ``listing``; once saved, back to the list, which says so."""
    answers[listing].append(item)
    if _save(form, interview, answers=answers):
        messages.success(request, f"{ITEM_NOUNS[listing]} {len(answers[listing])} added.")
        return redirect(step_url(interview, listing))
    return None


def _one_form_step(request, interview, listing: str, form_class, item, label):
    """People and groups: one form adds an item (``item(form, items)``), ``label`` lists them."""
    answers = _answers(interview)
    adding = request.method == "POST" and "add" in request.POST
    form = form_class(request.POST if adding else None)
    done = _list_step(request, interview, listing, form)
    if not done and adding and form.is_valid():
        done = _add(request, interview, answers, listing, form, item(form, answers[listing]))
    return done or {"form": form, "items": [label(n, x) for n, x in enumerate(answers[listing], 1)]}


def people(request, interview):
    return _one_form_step(
        request,
        interview,
        "people",
        forms.PersonForm,
        lambda form, people: form.person(new_person_key(people)),
        person_label,
    )


def places(request, interview):
    answers = _answers(interview)
    people_list = answers["people"]
    action = request.POST.get("add", "")
    space_form = forms.SpacePlaceForm(request.POST if action == "space" else None, people=people_list)
    typed_form = forms.TypedPlaceForm(
        request.POST if action == "typed" else None, people=people_list, prefix="typed"
    )
    done = _list_step(request, interview, "places", typed_form)
    if done:
        return done
    form = space_form if action == "space" else typed_form
    if action in ("space", "typed") and form.is_valid():
        data = form.cleaned_data
        place = {"space": data.get("space"), "name": data.get("name", ""), "people": data["people"]}
        added = _add(request, interview, answers, "places", form, place)
        if added:
            return added
    query = request.GET.get("q", "").strip()[:100]
    return {
        "space_form": space_form,
        "typed_form": typed_form,
        "form": form,
        "query": query,
        "results": survey_space_search(interview.survey, query) if query else None,
        "items": [place_label(n, p, people_list) for n, p in enumerate(answers["places"], 1)],
        "people_choices": forms._people_choices(people_list),
    }


def groups(request, interview):
    return _one_form_step(
        request,
        interview,
        "groups",
        forms.GroupForm,
        lambda form, _groups: {"name": form.cleaned_data["name"], "kind": form.cleaned_data["kind"]},
        group_label,
    )


def exchange(request, interview):
    answers = _answers(interview)
    form = forms.ExchangeForm(
        request.POST or None, initial={"gives": answers["gives"], "gets": answers["gets"]}
    )
    if request.method == "POST" and form.is_valid():
        answers.update(gives=form.cleaned_data["gives"], gets=form.cleaned_data["gets"])
        if _save(form, interview, answers=answers):
            return next_step(interview, "exchange")
    return {"form": form}


def wellbeing(request, interview):
    initial = {}
    for name in forms.ONS4_QUESTIONS:
        value = getattr(interview, name)
        initial[name] = str(value) if value is not None else ""
    form = forms.WellbeingForm(request.POST or None, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and _save(form, interview, wellbeing=form.wellbeing()):
        return next_step(interview, "wellbeing")
    return {"form": form, "ons4_intro": ONS4_INTRO}


def check(request, interview):
    problems = services.interview_problems(interview)
    if request.method == "POST" and not problems:
        services.interview_complete(interview)
        messages.success(request, f"Interview {interview.respondent_code} is complete. Thank the respondent.")
        return redirect("connections:interviews", interview.survey.slug)
    return {
        "problems": [(step_url(interview, step), message) for step, message in problems],
        "refused": request.method == "POST",
    }


HANDLERS = {
    "consent": consent,
    "code": code,
    "about": about,
    "people": people,
    "places": places,
    "groups": groups,
    "exchange": exchange,
    "wellbeing": wellbeing,
    "check": check,
}

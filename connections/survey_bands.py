"""The answers an interview offers for age, the survey's background bands and ONS4.

Every band question has "Prefer not to say" (``PREFER_NOT``): it is an answer, not a gap, and the
results leave it out of any diversity measure. The categories follow the ONS's harmonised
standards, cut down to what a doorstep interview can ask (data minimisation): ethnic group by the
five high-level groups, religion by the census's main groups, health by the Equality Act question.
"""

from __future__ import annotations

from connections.models import SPECIAL_CATEGORY, BandKind

PREFER_NOT = "prefer_not"
_PREFER_NOT = (PREFER_NOT, "Prefer not to say")

AGE_BANDS = [
    ("16-24", "16 to 24"),
    ("25-34", "25 to 34"),
    ("35-49", "35 to 49"),
    ("50-64", "50 to 64"),
    ("65-74", "65 to 74"),
    ("75+", "75 or over"),
    _PREFER_NOT,
]

BAND_OPTIONS: dict[str, list[tuple[str, str]]] = {
    BandKind.GENDER: [("woman", "Woman"), ("man", "Man"), ("another", "In another way"), _PREFER_NOT],
    BandKind.ETHNICITY: [
        ("asian", "Asian or Asian British"),
        ("black", "Black, Black British, Caribbean or African"),
        ("mixed", "Mixed or multiple ethnic groups"),
        ("white", "White"),
        ("other", "Another ethnic group"),
        _PREFER_NOT,
    ],
    BandKind.RELIGION: [
        ("none", "No religion"),
        ("christian", "Christian"),
        ("muslim", "Muslim"),
        ("hindu", "Hindu"),
        ("sikh", "Sikh"),
        ("jewish", "Jewish"),
        ("buddhist", "Buddhist"),
        ("other", "Another religion"),
        _PREFER_NOT,
    ],
    BandKind.HEALTH: [
        ("limited_lot", "Yes, my day-to-day activities are limited a lot"),
        ("limited_little", "Yes, limited a little"),
        ("no", "No"),
        _PREFER_NOT,
    ],
    BandKind.INCOME: [
        ("under_20k", "Under £20,000 a year"),
        ("20k_40k", "£20,000 to £39,999"),
        ("40k_60k", "£40,000 to £59,999"),
        ("60k_plus", "£60,000 or more"),
        _PREFER_NOT,
    ],
    BandKind.TENURE: [
        ("own", "Own (outright or with a mortgage)"),
        ("social_rent", "Rent from the council or a housing association"),
        ("private_rent", "Rent privately"),
        ("other", "Another arrangement"),
        _PREFER_NOT,
    ],
    BandKind.YEARS_HERE: [
        ("under_2", "Less than 2 years"),
        ("2_5", "2 to 5 years"),
        ("5_10", "5 to 10 years"),
        ("10_plus", "More than 10 years"),
        _PREFER_NOT,
    ],
    BandKind.LANGUAGE: [("english", "English"), ("other", "Another language"), _PREFER_NOT],
}

SPECIAL_CATEGORY_NOTE = (
    "Special-category data in UK law (UK GDPR Article 9): ask it only if the survey needs it, "
    "with explicit consent; it is never published for fewer respondents than the threshold."
)

# The ONS personal well-being questions (ONS4), word for word, with the interviewer's introduction.
ONS4_INTRO = (
    "Next I would like to ask you four questions about your feelings on aspects of your life. "
    "There are no right or wrong answers. For each of these questions I'd like you to give an "
    "answer on a scale of 0 to 10, where 0 is “not at all” and 10 is “completely”."
)
ONS4_QUESTIONS = {
    "life_satisfaction": "Overall, how satisfied are you with your life nowadays?",
    "worthwhile": "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
    "happiness": "Overall, how happy did you feel yesterday?",
    "anxiety": (
        "On a scale where 0 is “not at all anxious” and 10 is “completely anxious”, overall, "
        "how anxious did you feel yesterday?"
    ),
}


def band_label(kind: str) -> str:
    """The question's name without the model's "(special category)" suffix."""
    return str(BandKind(kind).label).split(" (")[0]


def is_special(kind: str) -> bool:
    return kind in SPECIAL_CATEGORY


def band_value_valid(kind: str, value: str) -> bool:
    return value in dict(BAND_OPTIONS.get(kind, ()))

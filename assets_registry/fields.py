"""A JSON list of values from one vocabulary, edited as checkboxes.

Used by the registry and the knowledge hub alike. Portable across SQLite and PostgreSQL (no
ArrayField). The vocabulary is not part of the migration state on purpose: adding a term is a
code change, not a schema change.

``list_contains`` filters on it with a case-insensitive match of the quoted value in the JSON
text, which both databases support and which cannot match a different value because every value
is a slug in quotes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class ChoiceListField(models.JSONField):
    """``vocabulary``: anything with ``choices`` and ``values``: a registry ``Vocabulary`` or a
    Django ``TextChoices`` class."""

    def __init__(self, *args, vocabulary=None, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is not None and not isinstance(value, list):
            raise ValidationError("Expected a list.")
        if self.vocabulary is not None:
            unknown = [v for v in value or () if v not in self.vocabulary.values]
            if unknown:
                raise ValidationError(f"Unknown values: {', '.join(map(str, unknown))}")

    def formfield(self, **kwargs):
        if self.vocabulary is None:
            return super().formfield(**kwargs)
        # Model-form machinery may pass JSON-specific options; the choice field takes only these.
        passed = {k: v for k, v in kwargs.items() if k in ("initial", "disabled", "show_hidden_initial")}
        return forms.TypedMultipleChoiceField(
            choices=self.vocabulary.choices,
            required=not self.blank,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **passed,
        )


def list_contains(field_name: str, value: str) -> Q:
    """Rows whose JSON list ``field_name`` holds ``value`` (a slug)."""
    return Q(**{f"{field_name}__icontains": f'"{value}"'})


def list_contains_any(field_name: str, values) -> Q:
    query = Q()
    for value in values:
        query |= list_contains(field_name, value)
    return query

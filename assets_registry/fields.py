"""A JSON list of values from one vocabulary, edited as checkboxes.

Portable across SQLite and PostgreSQL (no ArrayField). The vocabulary is not part of the
migration state on purpose: adding a term is a code change, not a schema change.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ChoiceListField(models.JSONField):
    def __init__(self, *args, vocabulary=None, **kwargs):
        self.vocabulary = vocabulary
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is not None and not isinstance(value, list):
            raise ValidationError("Expected a list.")
        if self.vocabulary is not None:
            unknown = [v for v in value or () if v not in self.vocabulary]
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

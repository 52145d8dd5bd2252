"""Search's own data: the synonym groups editors keep (``search.synonyms`` applies them) and the
index updates kept while Elasticsearch was down (``search.index_updates`` replays them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

MAX_TERMS = 12
MAX_TERM_WORDS = 5


def split_terms(text: str) -> list[str]:
    """ "potluck, shared meal;  Shared supper" -> ["potluck", "shared meal", "Shared supper"]."""
    parts = (" ".join(part.split()) for part in text.replace(";", ",").replace("\n", ",").split(","))
    return list(dict.fromkeys(part for part in parts if part))


class SynonymGroup(models.Model):
    """Words and phrases people use for the same thing: a search for any of them finds the others."""

    terms = models.TextField(
        help_text=(
            "Two or more words or short phrases that mean the same thing here, separated by commas, "
            "for example: potluck, shared meal, shared supper."
        ),
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional: why these belong together, for other editors. Not shown on the site.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym group"
        verbose_name_plural = "search synonyms"

    def __str__(self) -> str:
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": "Enter at least two words or phrases, separated by commas."})
        if len(terms) > MAX_TERMS:
            raise ValidationError({"terms": f"Enter {MAX_TERMS} words or phrases or fewer: split the group."})
        long = [t for t in terms if len(t.split()) > MAX_TERM_WORDS]
        if long:
            raise ValidationError(
                {"terms": f"Keep each phrase to {MAX_TERM_WORDS} words or fewer: “{long[0]}” is longer."}
            )
        self.terms = ", ".join(terms)


class PendingIndexUpdate(models.Model):
    """A change an Elasticsearch index could not take (the node was down), kept until
    ``search.index_updates.replay`` brings that object's document in line with the database.

    One row per missed write, never updated: a replay deletes exactly the rows it read, so a
    change kept while it runs waits for the next one. Replaying reads the object as it is now,
    so any number of rows for one object come to one write.
    """

    class Target(models.TextChoices):
        WAGTAIL = "wagtail", "Wagtail's index (pages, spaces, images, documents)"
        SPACES = "spaces", "The find-a-space index"

    target = models.CharField(max_length=16, choices=Target.choices)
    model = models.CharField(max_length=100, help_text="app_label.model_name of the object")
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.target}: {self.model} {self.object_id}"

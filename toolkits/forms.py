"""The case-study editor form (Wagtail admin). The page model names it as its form, so this
module imports no model of this app."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from toolkits.places import case_study_locate


class CaseStudyPageForm(WagtailAdminPageForm):
    """The editor form for case studies.

    * finds the map position from the place when no coordinates are given (or the place changed);
    * keeps the index's own sub-paths (feed/, share/) free;
    * makes the Fellow who creates a case study its first author.
    """

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        reserved = getattr(getattr(self.parent_page, "specific_class", None), "reserved_slugs", ())
        if slug and slug in reserved:
            self.add_error("slug", f"'{slug}' is already an address on the case-study index; choose another.")
        self._locate(cleaned_data)
        return cleaned_data

    def _locate(self, cleaned_data) -> None:
        if not {"place_name", "latitude", "longitude"} <= set(self.fields):
            return
        coordinates_given = (
            cleaned_data.get("latitude") is not None and cleaned_data.get("longitude") is not None
        )
        place_changed = bool({"place_name", "area", "country"} & set(self.changed_data))
        coordinates_changed = bool({"latitude", "longitude"} & set(self.changed_data))
        if coordinates_given and (coordinates_changed or not place_changed):
            return  # typed in by hand, or nothing moved
        if not cleaned_data.get("place_name"):
            return
        result = case_study_locate(
            place_name=cleaned_data["place_name"],
            area=cleaned_data.get("area", ""),
            country=cleaned_data.get("country", ""),
        )
        # A stale point is worse than none: without a match the case study is listed but not mapped.
        cleaned_data["latitude"] = result.latitude if result else None
        cleaned_data["longitude"] = result.longitude if result else None

    def save(self, commit=True):
        is_new = self.instance.pk is None
        page = super().save(commit=commit)
        profile = getattr(self.for_user, "fellow_profile", None) if self.for_user else None
        if is_new and profile is not None and not page.author_links.all():
            page.author_links.add(page.author_links.model(fellow=profile))  # a CaseStudyFellow
            if commit:
                page.author_links.commit()
        return page

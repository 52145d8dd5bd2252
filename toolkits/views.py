"""Theme pages: plain Django views. The toolkit and case-study pages are Wagtail pages; what they
show is built in ``page_context``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from toolkits import selectors
from toolkits.models import CaseStudyIndexPage, Theme


def theme_index(request):
    return render(
        request,
        "toolkits/theme_index.html",
        {"title": "Themes", "themes": selectors.theme_summaries()},
    )


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    toolkits, case_studies = selectors.theme_content(theme=theme)
    case_study_index = CaseStudyIndexPage.objects.live().first()
    return render(
        request,
        "toolkits/theme_detail.html",
        {
            "title": theme.name,
            "theme": theme,
            "toolkits": toolkits,
            "case_studies": case_studies,
            "case_study_index": case_study_index,
        },
    )

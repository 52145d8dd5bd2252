"""StreamField blocks for toolkits and case studies.

Every block has an icon, a template under ``templates/blocks/toolkits/``, a preview value (shown
in the editor's block picker) and a description. Rich text allows headings from h3 down, because
each ``SectionBlock`` supplies the h2 and the page title is the h1: headings stay in order.
"""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]

PREVIEW_RICH_TEXT = (
    "<p>Start with what a place already has. Walk the high street with two residents who know it, "
    "and list every club, congregation, library and café where people linger.</p>"
)


class SectionBlock(blocks.StructBlock):
    """A titled section: the h2s of a page, which also build its table of contents."""

    heading = blocks.CharBlock(max_length=120, help_text="A short heading for this part of the page.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "title"
        template = "blocks/toolkits/section_block.html"
        label = "Section"
        description = "A section with its own heading; sections make the page's table of contents"
        preview_value = {"heading": "Walk the neighbourhood", "body": PREVIEW_RICH_TEXT}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = section_anchor(value["heading"])
        return context


def section_anchor(heading: str) -> str:
    return f"section-{slugify(heading)[:60] or 'untitled'}"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    time_needed = blocks.CharBlock(
        max_length=60, required=False, help_text="Optional, e.g. '2 hours' or 'one evening'."
    )

    class Meta:
        icon = "order"
        template = "blocks/toolkits/step_block.html"
        label = "Step"
        description = "One step of a method"
        preview_value = {
            "title": "Invite the unusual suspects",
            "body": "<p>Ask each partner to bring one person the group has never heard from.</p>",
            "time_needed": "1 week",
        }


class StepsBlock(blocks.StructBlock):
    """Numbered steps: an ordered list, so screen readers announce 'step 2 of 5'."""

    heading = blocks.CharBlock(max_length=120, required=False, help_text="Optional, e.g. 'How to do it'.")
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/toolkits/steps_block.html"
        label = "Numbered steps"
        description = "A method as numbered steps, each with an optional time estimate"
        preview_value = {
            "heading": "How to run an asset walk",
            "steps": [
                {
                    "title": "Choose a route",
                    "body": "<p>Pick a 30-minute loop that crosses at least two neighbourhoods.</p>",
                    "time_needed": "30 minutes",
                },
                {
                    "title": "Walk and note",
                    "body": "<p>Record every place where people gather, and who you see there.</p>",
                    "time_needed": "1 hour",
                },
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = section_anchor(value["heading"]) if value["heading"] else ""
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("tip", "Tip"),
            ("evidence", "What the evidence says"),
            ("warning", "Watch out"),
        ],
        default="tip",
    )
    title = blocks.CharBlock(max_length=120, required=False)
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/toolkits/callout_block.html"
        label = "Callout"
        description = "A boxed tip, piece of evidence or warning that stands out from the text"
        preview_value = {
            "kind": "evidence",
            "title": "Why this matters",
            "body": "<p>Friendships across income strongly predict upward mobility.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=120, required=False, help_text="Who said it.")
    role = blocks.CharBlock(max_length=160, required=False, help_text="E.g. 'volunteer, Southall'.")

    class Meta:
        icon = "openquote"
        template = "blocks/toolkits/quote_block.html"
        label = "Quote"
        description = "A quotation from a resident, partner or Fellow"
        preview_value = {
            "quote": "I had lived on this street for eleven years and never been inside the gurdwara.",
            "attribution": "Resident",
            "role": "Walking group member, Ealing",
        }


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(max_length=120, required=False, help_text="Photographer or source.")

    class Meta:
        icon = "image"
        template = "blocks/toolkits/figure_block.html"
        label = "Image"
        description = "An image with alt text, caption and credit"
        preview_value = {"caption": "Volunteers at a community fridge."}


class DataTableBlock(TableBlock):
    """A table with a caption (Wagtail's table editor has a caption field) and header cells."""

    def __init__(self, **kwargs):
        super().__init__(table_options={"startRows": 4, "startCols": 3}, **kwargs)

    class Meta:
        icon = "table"
        template = "blocks/toolkits/table_block.html"
        label = "Table"
        description = "A table of data with a caption and a header row"
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Who took part",
            "data": [["Group", "Before", "After"], ["Young people", "12", "31"], ["Over-65s", "20", "26"]],
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        max_length=120, required=False, help_text="Leave blank to use the document's title."
    )
    description = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/toolkits/document_block.html"
        label = "Download"
        description = "A downloadable document: a template, worksheet or report"
        preview_value = {
            "title": "Asset-mapping worksheet",
            "description": "A one-page form for each place you find.",
        }


class VideoBlock(blocks.StructBlock):
    """An embedded video, always with a plain link so it works without the embed (and in print)."""

    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(max_length=120, help_text="Describes the video for screen readers and in print.")
    transcript_url = blocks.URLBlock(required=False, help_text="Optional: where a transcript can be read.")

    class Meta:
        icon = "media"
        template = "blocks/toolkits/video_block.html"
        label = "Video"
        description = "An embedded video with a title and an optional transcript link"
        preview_value = {"title": "How a library became a bridge"}


class OutcomeMeasureValue(blocks.StructValue):
    @cached_property
    def change(self) -> float | None:
        before, after = self.get("before"), self.get("after")
        if before is None or after is None:
            return None
        return after - before

    @cached_property
    def change_percent(self) -> float | None:
        before, change = self.get("before"), self.change
        if change is None or not before:
            return None
        return change / before * 100

    # Display: "18%", "240 people"; a change in a percentage is in percentage points.
    @property
    def before_display(self) -> str:
        return self._with_unit(self.get("before"))

    @property
    def after_display(self) -> str:
        return self._with_unit(self.get("after"))

    @property
    def change_display(self) -> str:
        change = self.change
        if change is None:
            return ""
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        if self.get("unit", "").strip() == "%":
            return f"{sign}{_number(abs(change))} percentage points"
        text = f"{sign}{self._with_unit(abs(change))}"
        if self.change_percent is not None:
            text += f", {sign}{_number(abs(self.change_percent), places=0)}%"
        return text

    def _with_unit(self, number) -> str:
        if number is None:
            return ""
        unit = (self.get("unit") or "").strip()
        if unit == "%":
            return f"{_number(number)}%"
        if unit in CURRENCY_SYMBOLS:
            return f"{unit}{_number(number)}"
        return f"{_number(number)} {unit}".strip()


CURRENCY_SYMBOLS = {"£", "$", "€"}


def _number(value: float, places: int = 2) -> str:
    """1234.5 -> '1,234.5'; 18.0 -> '18' (no trailing zeros)."""
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


PREVIEW_MEASURE = {
    "measure": "Residents with a friend from a different income group",
    "before": 18,
    "after": 27,
    "unit": "%",
    "source": "Neighbourhood survey, n=240, spring 2023 and spring 2024",
}


class OutcomeMeasureBlock(blocks.StructBlock):
    """One outcome as data: what was measured, before and after, in what unit, from what source."""

    measure = blocks.CharBlock(max_length=160, help_text="E.g. 'Residents who know a neighbour by name'.")
    before = blocks.FloatBlock(required=False, help_text="The baseline, if there was one.")
    after = blocks.FloatBlock()
    unit = blocks.CharBlock(max_length=40, help_text="E.g. '%', 'people', 'groups', 'hours a week'.")
    source = blocks.CharBlock(
        max_length=250, help_text="How it was measured, e.g. 'Door-to-door survey, n=212, 2023 and 2024'."
    )

    class Meta:
        icon = "success"
        template = "blocks/toolkits/outcome_measure_block.html"
        label = "Outcome measure"
        description = "A measured outcome: measure, before, after, unit and source"
        value_class = OutcomeMeasureValue
        preview_value = PREVIEW_MEASURE


class OutcomeTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=160, help_text="What the table shows, e.g. 'Change after one year'."
    )
    measures = blocks.ListBlock(OutcomeMeasureBlock(), min_num=1)

    class Meta:
        icon = "table"
        template = "blocks/toolkits/outcome_table_block.html"
        label = "Outcome measures table"
        description = "Several measured outcomes as a table with the change worked out"
        preview_value = {
            "caption": "Change after one year",
            "measures": [PREVIEW_MEASURE],
        }


class KnowledgeBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/toolkits/paragraph_block.html",
        description="Rich text without a heading of its own",
        preview_value=PREVIEW_RICH_TEXT,
    )
    steps = StepsBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    table = DataTableBlock()
    document = DocumentBlock()
    video = VideoBlock()


class ToolkitBodyBlock(KnowledgeBodyBlock):
    pass


class CaseStudyBodyBlock(KnowledgeBodyBlock):
    outcomes = OutcomeTableBlock()


class OutcomesBlock(blocks.StreamBlock):
    """The case study's structured outcomes (its own field, so they can be shown and compared)."""

    measure = OutcomeMeasureBlock()


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=160)
    url = blocks.URLBlock(required=False, label="Website")
    role = blocks.CharBlock(max_length=160, required=False, help_text="E.g. 'hosted the sessions'.")

    class Meta:
        icon = "group"
        template = "blocks/toolkits/partner_block.html"
        label = "Partner"
        description = "An organisation that took part"
        preview_value = {"name": "Ealing Libraries", "role": "hosted the weekly conversation cafés"}


class PartnersBlock(blocks.StreamBlock):
    partner = PartnerBlock()

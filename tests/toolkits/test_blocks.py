"""Every StreamField block renders and follows the convention: icon, template, preview, description."""

import pytest
import wagtail_factories

from wagtail import blocks as wagtail_blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from toolkits import blocks
from toolkits.blocks import OutcomeMeasureBlock

pytestmark = pytest.mark.django_db

STREAMS = [
    blocks.ToolkitBodyBlock(),
    blocks.CaseStudyBodyBlock(),
    blocks.OutcomesBlock(),
    blocks.PartnersBlock(),
]
CHILD_BLOCKS = {name: block for stream in STREAMS for name, block in stream.child_blocks.items()}
NESTED = {"step": blocks.StepBlock(), "measure": OutcomeMeasureBlock()}
VIDEO_URL = "https://www.youtube.com/watch?v=connected-places"

# What each block's preview value must show once rendered.
EXPECTED_TEXT = {
    "section": ["<h2", "Walk the neighbourhood", "list every club"],
    "paragraph": ["list every club"],
    "steps": ["<ol", "Choose a route", "Walk and note", "30 minutes"],
    "step": ["Invite the unusual suspects", "1 week"],
    "callout": ["What the evidence says", "Why this matters"],
    "quote": ["<blockquote", "never been inside the gurdwara", "Walking group member, Ealing"],
    "table": ["<caption>Who took part</caption>", '<th scope="col">Before</th>', "Young people"],
    "outcomes": ["<caption>Change after one year</caption>", "18%", "27%", "+9 percentage points"],
    "measure": ["Residents with a friend from a different income group", "+9 percentage points", "n=240"],
    "partner": ["Ealing Libraries", "hosted the weekly conversation cafés"],
}


@pytest.fixture
def chooser_values():
    image = wagtail_factories.ImageFactory(title="Volunteers")
    document = wagtail_factories.DocumentFactory(title="Asset-mapping worksheet")
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe title="How a library became a bridge" src="https://www.youtube.com/embed/x"></iframe>',
    )
    return {
        "image": {"image": {"image": image, "alt_text": "Volunteers packing food", "decorative": False}},
        "document": {"document": document},
        "video": {"video": VIDEO_URL},
    }


def all_blocks():
    return {**CHILD_BLOCKS, **NESTED}


@pytest.mark.parametrize("name", sorted(all_blocks()))
def test_block_has_icon_template_preview_and_description(name):
    block = all_blocks()[name]
    assert block.meta.icon and block.meta.icon != "placeholder", name
    assert block.meta.template and block.meta.template.startswith("blocks/toolkits/"), name
    assert block.meta.description, name
    if name not in {"image", "document", "video"}:  # chooser blocks cannot preview a real object
        assert block.meta.preview_value, name


@pytest.mark.parametrize("name", sorted(all_blocks()))
def test_every_block_renders(name, chooser_values):
    block = all_blocks()[name]
    raw = {**(block.meta.preview_value or {}), **chooser_values[name]} if name in chooser_values else None
    value = block.normalize(raw if raw is not None else block.meta.preview_value)
    html = block.render(value)
    assert html.strip(), name
    if name == "image":
        assert 'alt="Volunteers packing food"' in html and "<figcaption>" in html
    elif name == "document":
        assert "Asset-mapping worksheet" in html and "href=" in html
    elif name == "video":
        assert '<iframe title="How a library became a bridge"' in html
        assert f'href="{VIDEO_URL}"' in html and "How a library became a bridge" in html
    else:
        for text in EXPECTED_TEXT[name]:
            assert text in html, f"{name}: {text!r} missing from {html}"


def test_video_block_keeps_a_plain_link_when_the_embed_cannot_be_fetched():
    block = blocks.VideoBlock()
    url = "https://vimeo.invalid/12345"
    Embed.objects.create(url=url, hash=get_embed_hash(url), type="video", html="")
    html = block.render(block.normalize({"video": url, "title": "Our first year"}))
    assert f'<a href="{url}">Watch “Our first year”</a>' in html


def test_sections_anchor_their_heading_for_the_table_of_contents():
    block = blocks.SectionBlock()
    html = block.render(block.normalize({"heading": "Walk & talk!", "body": "<p>x</p>"}))
    assert 'id="section-walk-talk"' in html


@pytest.mark.parametrize(
    ("before", "after", "unit", "expected"),
    [
        (18, 27, "%", "+9 percentage points"),
        (40, 163, "assets", "+123 assets, +308%"),
        (410, 380, "visits", "−30 visits, −7%"),
        (0, 240000, "£", "+£240,000"),
        (None, 74, "%", ""),
    ],
)
def test_outcome_measure_works_out_the_change(before, after, unit, expected):
    value = OutcomeMeasureBlock().normalize(
        {"measure": "m", "before": before, "after": after, "unit": unit, "source": "s"}
    )
    assert value.change_display == expected


def test_rich_text_in_bodies_cannot_add_a_second_h1_or_an_h2():
    # Sections own the h2s and the page title is the h1, so headings stay in order.
    for name in ("section", "paragraph"):
        block = CHILD_BLOCKS[name]
        rich_text = block.child_blocks["body"] if isinstance(block, wagtail_blocks.StructBlock) else block
        assert not {"h1", "h2"} & set(rich_text.features)

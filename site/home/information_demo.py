"""The demo's privacy notice, accessibility statement and contact page (editors reword them in
Wagtail; the retention period is a block that reads the site's setting, never a typed number)."""

from __future__ import annotations

import datetime as dt

P = "paragraph"

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "intro": "What we collect when you use this site, why, how long we keep it, and your rights.",
    "body": [
        ("heading", "Who we are"),
        (
            P,
            "<p>This site is run by the Connected Places Hub team for its sponsoring society. "
            "We decide how the information below is used (we are its controller).</p>",
        ),
        ("heading", "What we collect and why"),
        (
            P,
            "<ul><li><b>Details of community spaces</b> you add or correct (name, address, what "
            "happens there). They are published once a moderator approves them: that is the "
            "purpose of the registry.</li>"
            "<li><b>Your e-mail address</b>, only if you give one with a space, an edit or a closure "
            "report: to tell you the decision and to ask you a question if the moderator needs "
            "to. It is never shown on the site, in exports or in the API.</li>"
            "<li><b>Your internet address</b>, for up to two hours, to limit how many submissions one "
            "address can make (to keep out spam).</li>"
            "<li>Editors', moderators' and Fellows' accounts: name, e-mail and what they changed.</li></ul>",
        ),
        ("heading", "How long we keep it"),
        ("retention", None),
        ("heading", "Your rights"),
        (
            P,
            "<p>You can ask to see what we hold about you, to correct it or to erase it, and you can "
            "complain to the Information Commissioner's Office (ico.org.uk). The link in our e-mail "
            "erases your address at once; for anything else, use the contact page.</p>",
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "intro": (
        "We want everyone to be able to use this site, on any device, by keyboard and with a screen reader."
    ),
    "body": [
        ("heading", "How accessible this site is"),
        (
            P,
            "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. The "
            "public pages are tested with the axe checker, by keyboard alone, without JavaScript "
            "and at 320 pixels wide, on every change. We believe they partially meet the standard, "
            "for the reasons below.</p>",
        ),
        ("heading", "What we know is not yet right"),
        (
            P,
            "<ul><li>Maps are pictures: every map has a table or list with the same information "
            "beside it, and a link to skip past it.</li>"
            "<li>The map attribution links inside the map can be reached by pointer but not by "
            "keyboard; the same sources are credited in the page footer.</li>"
            "<li>Documents Fellows upload (PDF, Word) may not be accessible; ask us for another "
            "format.</li></ul>",
        ),
        ("heading", "Tell us about a problem"),
        (
            P,
            "<p>If something does not work for you, use the contact page and say which page and what "
            "happened. We reply within five working days.</p>",
        ),
    ],
}

CONTACT = {
    "slug": "contact",
    "title": "Contact us",
    "intro": "Questions about a space, your submission, your data or this site.",
    "body": [
        (
            P,
            '<p>E-mail <a href="mailto:hub@example.org">hub@example.org</a>. Give your submission\'s '
            "reference if you have one. We reply within five working days.</p>"
            "<p>To change a space's details, use “Suggest an edit” on its page: a moderator checks "
            "every change.</p>",
        ),
    ],
}

PAGES = {"privacy_page": PRIVACY, "accessibility_page": ACCESSIBILITY, "contact_page": CONTACT}
REVIEWED = dt.date(2026, 12, 5)

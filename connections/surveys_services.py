"""Writes for setting up a survey: adding researchers, by account or by invitation.

An invitation makes an account with no usable password and e-mails a one-time link to set one
(Django's password-reset token, through Wagtail's "set a new password" page), then the address
of the interview pages. The steward never sees or sends a password.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from connections.models import Survey, SurveyResearcher


def researcher_user(who: str):
    """The existing account named by username or e-mail address; ``None`` when ``who`` is a new
    e-mail address (to invite); ``ValidationError`` when it is neither."""
    who = (who or "").strip()
    User = get_user_model()
    user = User.objects.filter(username__iexact=who).first() or (
        User.objects.filter(email__iexact=who).order_by("pk").first() if "@" in who else None
    )
    if user is not None:
        if not user.is_active:
            raise ValidationError(f"The account {who} is switched off: ask a site administrator.")
        return user
    try:
        validate_email(who)
    except ValidationError:
        raise ValidationError(
            f"No account is called “{who}”. Give their e-mail address to invite them."
        ) from None
    return None


@transaction.atomic
def researcher_add(*, survey: Survey, who: str, added_by=None) -> SurveyResearcher:
    """Add an existing account, or make one for a new e-mail address (``researcher.invited``)."""
    user = researcher_user(who)
    invited = user is None
    if invited:
        email = who.strip()
        user = get_user_model().objects.create_user(username=email.lower(), email=email)  # no usable password
    researcher, _created = SurveyResearcher.objects.get_or_create(survey=survey, user=user)
    researcher.invited = invited
    return researcher


def researcher_invite_send(*, researcher: SurveyResearcher, request) -> None:
    user = researcher.user
    set_password = request.build_absolute_uri(
        reverse(
            "wagtailadmin_password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    interviews = request.build_absolute_uri(reverse("connections:interviews", args=[researcher.survey.slug]))
    send_mail(
        subject=f"You are a community researcher on {researcher.survey.name}",
        message=(
            f"{request.user.get_full_name() or 'A steward'} has added you as a community researcher on "
            f"{researcher.survey.name} ({researcher.survey.coalition}).\n\n"
            f"1. Set your password (the link works once, for a few days):\n{set_password}\n\n"
            f"2. Sign in with your e-mail address and record interviews here:\n{interviews}\n\n"
            "If you did not expect this, ignore this message: nothing happens without the password."
        ),
        from_email=None,
        recipient_list=[user.email],
    )

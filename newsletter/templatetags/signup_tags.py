"""The newsletter sign-up form for the footer of every page."""

from django import template
from django.utils import translation

from hub.archived import signup_closed
from newsletter import subscriptions
from newsletter.forms import SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, id_prefix="footer-newsletter"):
    consent_text = subscriptions.current_consent_text(translation.get_language())
    return {
        "form": SignupForm(initial={"consent_version": consent_text.version}),
        "consent_text": consent_text,
        "id_prefix": id_prefix,
        "request": context.get("request"),
        "signup_closed": signup_closed(context.get("request")),
    }

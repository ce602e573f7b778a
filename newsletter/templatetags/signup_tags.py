"""The newsletter sign-up form for the footer of every page."""

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from hub.archived import signup_closed
from hub.content_version import cached_for_content
from newsletter import subscriptions
from newsletter.forms import SignupForm

register = template.Library()

# Stands for the page's path (the form's "source") in the cached form: letters only, so
# escaping leaves it as it is.
SOURCE_PLACEHOLDER = "hubsignupsourcepathplaceholder"


class _Source:
    path = SOURCE_PLACEHOLDER


@register.simple_tag(takes_context=True)
def newsletter_signup(context, id_prefix="footer-newsletter"):
    """The form, rendered once per site, language and content version (the consent
    wording and the site settings move the version on): the same for every reader, as it
    carries no CSRF token (the sign-up view is exempt) and no nonce. Only the page's path
    is filled in per request."""
    request = context.get("request")
    language = translation.get_language()
    host = f"{request.get_host()}:{request.get_port()}" if request is not None else ""

    def render() -> str:
        consent_text = subscriptions.current_consent_text(language)
        return render_to_string(
            "newsletter/includes/signup_form.html",
            {
                "form": SignupForm(initial={"consent_version": consent_text.version}),
                "consent_text": consent_text,
                "id_prefix": id_prefix,
                "request": _Source,
                "signup_closed": signup_closed(request),
            },
        )

    html = cached_for_content(f"signup-form:{host}:{language}:{id_prefix}", render)
    path = escape(Truncator(request.path).chars(500)) if request is not None else ""
    return mark_safe(html.replace(SOURCE_PLACEHOLDER, path))  # noqa: S308 - rendered, then an escaped path

"""The e-mails the sign-up flow sends: confirmation, "already subscribed" notice and a
fresh "my data" link. Each is a background task, so a sign-up answers in the same time
whatever happens to the address, and an SMTP failure never becomes a 500."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from . import subscriber_links as links
from .conf import base_url, from_email, setting
from .models import ConsentRecord, Subscriber


def send_templated(subscriber: Subscriber, template: str, context: dict, headers: dict | None = None) -> None:
    """Render ``newsletter/email/<template>`` (subject, .txt, .html) in the subscriber's
    language and send it as plain text with an HTML alternative."""
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "base_url": base_url(),
            "my_data_url": links.my_data_url(subscriber),
            **context,
        }
        subject = " ".join(render_to_string(f"newsletter/email/{template}_subject.txt", context).split())
        text = render_to_string(f"newsletter/email/{template}.txt", context)
        html = render_to_string(f"newsletter/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email(),
        [subscriber.email],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_confirmation(subscriber_id: int, record_id: int) -> bool:
    """The double opt-in e-mail with the signed confirmation link."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.PENDING).first()
    record = ConsentRecord.objects.filter(pk=record_id, subscriber_id=subscriber_id).first()
    if subscriber is None or record is None:
        return False
    send_templated(
        subscriber,
        "confirm",
        {
            "confirm_url": links.confirm_url(subscriber, record),
            "consent_text": record.consent_text,
            "valid_days": setting("NEWSLETTER_CONFIRM_MAX_AGE") // 86400,
        },
    )
    return True


@task()
def send_already_subscribed(subscriber_id: int) -> bool:
    """Tells a confirmed subscriber who signed up again that nothing changed."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.CONFIRMED).first()
    if subscriber is None:
        return False
    send_templated(
        subscriber,
        "already_subscribed",
        {"unsubscribe_url": links.unsubscribe_url(subscriber)},
        headers=links.list_unsubscribe_headers(subscriber),
    )
    return True


@task()
def send_my_data_link(subscriber_id: int) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id, email__isnull=False).first()
    if subscriber is None:
        return False
    send_templated(subscriber, "my_data_link", {})
    return True

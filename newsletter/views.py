"""Public newsletter pages: sign up, confirm, unsubscribe, see and delete one's data.

The links in e-mails carry their own credential (a signed value or the subscriber's
token), so the views that act on them need neither a session nor a CSRF cookie: they
work from any mail client and any browser, cookies or not.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.archived import signup_closed
from hub.client import client_ip

from . import subscriber_links as links
from . import subscriptions
from .conf import setting
from .forms import MyDataRequestForm, SignupForm
from .models import Subscriber


def _rate_limited(request) -> bool:
    ip = client_ip(request) or "unknown"
    return subscriptions.rate_limited(
        "signup", ip, setting("NEWSLETTER_SIGNUP_LIMIT"), setting("NEWSLETTER_SIGNUP_WINDOW")
    )


def _too_many(request, template: str, context: dict):
    response = render(request, template, {**context, "rate_limited": True}, status=429)
    response["Retry-After"] = str(setting("NEWSLETTER_SIGNUP_WINDOW"))
    return response


def _without_credential(path: str) -> str:
    """The page a link led to, minus its token: records must not keep live credentials."""
    return links.absolute_url(path.rstrip("/").rsplit("/", 1)[0] + "/")


def _invalid_link(request, expired: bool = False):
    return render(
        request, "newsletter/invalid_link.html", {"expired": expired}, status=410 if expired else 404
    )


# Sign-up -------------------------------------------------------------------------------


@csrf_exempt  # double opt-in is the protection: a forged sign-up only asks the owner to confirm
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up page; also where the footer form posts. Every accepted sign-up ends on
    the same "check your inbox" page, whatever the address's history."""
    if signup_closed(request):
        # The hub is archived: show why, and change nothing (410: gone for good).
        return render(
            request,
            "newsletter/subscribe.html",
            {"signup_closed": True},
            status=200 if request.method == "GET" else 410,
        )
    language = translation.get_language()
    consent_text = subscriptions.current_consent_text(language)
    if request.method == "GET":
        form = SignupForm(initial={"consent_version": consent_text.version})
        return render(request, "newsletter/subscribe.html", {"form": form, "consent_text": consent_text})

    form = SignupForm(request.POST)
    context = {"form": form, "consent_text": consent_text}
    if _rate_limited(request):
        return _too_many(request, "newsletter/subscribe.html", context)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", context, status=400)
    if not form.is_bot():
        path = form.source_path() or reverse("newsletter:subscribe")
        subscriptions.subscribe(
            form.cleaned_data["email"],
            language,
            source_url=links.absolute_url(path),
            ip=client_ip(request),
            consent_text=subscriptions.consent_text_shown(language, form.cleaned_data.get("consent_version")),
        )
    return HttpResponseRedirect(reverse("newsletter:subscribe_thanks"))


@require_http_methods(["GET"])
def subscribe_thanks(request):
    return render(request, "newsletter/subscribe_thanks.html")


@csrf_exempt  # the signed link is the credential
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, signed):
    """GET shows a button (link scanners in mail systems follow links and must not
    confirm); POST confirms."""
    try:
        subscriber, record = links.read_confirm_link(signed)
    except links.ExpiredLink:
        return _invalid_link(request, expired=True)
    except links.InvalidLink:
        return _invalid_link(request)
    context = {"subscriber": subscriber}
    if request.method == "POST":
        confirmed = subscriptions.confirm(
            subscriber,
            record,
            ip=client_ip(request),
            source_url=_without_credential(request.path),
        )
        if not confirmed and subscriber.status != Subscriber.Status.CONFIRMED:
            return _invalid_link(request)
        context["my_data_url"] = links.my_data_url(subscriber)
        return render(request, "newsletter/confirmed.html", context)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        context["my_data_url"] = links.my_data_url(subscriber)
        return render(request, "newsletter/confirmed.html", context)
    return render(request, "newsletter/confirm.html", context)


# Unsubscribe ---------------------------------------------------------------------------


@csrf_exempt  # RFC 8058: mail providers POST without cookies; the token is the credential
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks; only a POST unsubscribes (RFC 8058 one-click, or the page's button)."""
    subscriber = links.subscriber_for_token(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        subscriptions.unsubscribe(
            subscriber,
            "one-click (RFC 8058)" if one_click else "unsubscribe page",
            ip=client_ip(request),
            source_url=_without_credential(request.path),
        )
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


# My data -------------------------------------------------------------------------------


@csrf_exempt  # the signed link is the credential
@never_cache
@require_http_methods(["GET", "POST"])
def my_data(request, signed):
    """What is stored about a subscriber, and the button that deletes it all."""
    try:
        subscriber = links.read_my_data_link(signed)
    except links.ExpiredLink:
        return _invalid_link(request, expired=True)
    except links.InvalidLink:
        return _invalid_link(request)
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            subscriptions.erase(subscriber)
            return render(request, "newsletter/erased.html")
        error = True
    records = subscriber.consent_records.select_related("consent_text").order_by("created_at", "pk")
    response = render(
        request,
        "newsletter/my_data.html",
        {
            "subscriber": subscriber,
            "records": records,
            "unsubscribe_url": links.unsubscribe_url(subscriber),
            "error": error,
        },
        status=400 if error else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def my_data_request(request):
    """Ask for a fresh link to one's data by e-mail; the answer is the same for any address."""
    if request.method == "GET":
        return render(request, "newsletter/my_data_request.html", {"form": MyDataRequestForm()})
    form = MyDataRequestForm(request.POST)
    if _rate_limited(request):
        return _too_many(request, "newsletter/my_data_request.html", {"form": form})
    if not form.is_valid():
        return render(request, "newsletter/my_data_request.html", {"form": form}, status=400)
    subscriptions.send_my_data_link(form.cleaned_data["email"])
    return render(request, "newsletter/my_data_request.html", {"sent": True})

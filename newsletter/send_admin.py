"""The edition's send screen in the Wagtail admin: test, send, follow, resolve.

Reached from the edition's action menu, its header and listing buttons, and the
"Newsletter sends" report. Every change is a POST (CSRF-protected); sending asks for a
confirmation first. Imported by ``NewsletterConfig.ready`` so its hooks register.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import sending
from .delivery import Delivery, Send
from .editions import NewsletterEditionPage
from .models import Subscriber
from .tasks import deliver_send

Status = Delivery.Status
ROWS_SHOWN = 500


def _edition_for(request, page_id: int) -> NewsletterEditionPage:
    page = get_object_or_404(NewsletterEditionPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return page


def edition_send(request, page_id: int):
    """GET: progress and outcome. POST: test, send (after confirming), resolve."""
    page = _edition_for(request, page_id)
    edition = sending.canonical_edition(page)
    if request.method == "POST":
        response = _act(request, page, edition)
        if response is not None:
            return response
        return redirect("newsletter_edition_send", page.pk)
    send = sending.send_for(edition)
    if send is not None:
        sending.recover_stale(send)
    return TemplateResponse(request, "newsletter/admin/edition_send.html", _context(page, edition, send))


def _header(title: str, subtitle: str = "", icon: str = "mail") -> dict:
    """What ``wagtailadmin/generic/base.html`` shows: the tab's title, the h1 and its icon."""
    return {
        "header_title": f"{title}: {subtitle}" if subtitle else title,
        "page_title": title,
        "page_subtitle": subtitle,
        "header_icon": icon,
    }


def _context(page, edition, send) -> dict:
    context = {"page": page, "edition": edition, "send": send, "Status": Status}
    context.update(_header(_("Send newsletter"), page.title))
    if send is None:
        pages = sending.edition_pages(edition)
        by_language = dict(
            Subscriber.objects.sendable().values_list("language").annotate(n=Count("pk")).order_by()
        )
        context["translations"] = [
            (code, page.title, by_language.get(code, 0)) for code, page in pages.items()
        ]
        context["recipient_count"] = sum(by_language.values())
        context["live"] = bool(pages)
        return context
    counts = sending.counts(send)
    total = sum(counts.values())
    done = total - counts[Status.QUEUED] - counts[Status.SENDING]
    context.update(
        counts=[(Status(status).label, status, n) for status, n in counts.items()],
        total=total,
        done=done,
        percent=round(100 * done / total) if total else 100,
        unknown=send.deliveries.filter(status=Status.UNKNOWN)
        .select_related("subscriber")
        .order_by("pk")[:ROWS_SHOWN],
        problems=send.deliveries.filter(status__in=[Status.FAILED, Status.SKIPPED])
        .select_related("subscriber")
        .order_by("status", "pk")[:ROWS_SHOWN],
        retrying=send.deliveries.filter(status=Status.QUEUED, attempts__gt=0)
        .select_related("subscriber")
        .order_by("next_attempt_at")[:ROWS_SHOWN],
        finished=sending.is_finished(send),
    )
    return context


def _act(request, page, edition):
    action = request.POST.get("action")
    if action == "test":
        address = request.user.email
        if not address:
            messages.error(request, _("Your account has no e-mail address to send the test to."))
            return None
        try:
            outcome = sending.send_test(page, address)
        except ValueError as error:
            messages.error(request, str(error))
            return None
        if outcome.kind == "sent":
            messages.success(request, _("A test e-mail was sent to %(address)s.") % {"address": address})
        else:
            messages.error(
                request, _("The test e-mail was not sent: %(reason)s") % {"reason": outcome.reason}
            )
    elif action == "send":
        context = _context(page, edition, sending.send_for(edition))
        context.update(_header(_("Confirm sending"), page.title))
        return TemplateResponse(request, "newsletter/admin/edition_send_confirm.html", context)
    elif action == "send-confirmed":
        _start(request, page)
    elif action in ("mark-sent", "requeue"):
        send = sending.send_for(edition)
        if send is None:
            raise PermissionDenied
        ids = request.POST.getlist("delivery")
        if request.POST.get("all"):
            ids = send.deliveries.filter(status=Status.UNKNOWN).values_list("pk", flat=True)
        decided = sending.resolve(send, ids, "sent" if action == "mark-sent" else "requeue", request.user)
        if action == "requeue" and decided:
            _enqueue(send)
        messages.success(request, _("%(count)s deliveries resolved.") % {"count": decided})
    return None


def _start(request, page) -> None:
    try:
        send, created = sending.start_send(page, request.user)
    except sending.SendRefused as error:
        messages.error(request, _("The edition was not sent: %(reason)s") % {"reason": error})
        return
    if not created:
        messages.warning(request, _("This edition was already sent; nobody gets it twice."))
        return
    _enqueue(send)
    messages.success(
        request,
        _("Sending to %(count)s recipients. This page shows the progress.")
        % {"count": send.deliveries.count()},
    )


def _enqueue(send: Send) -> None:
    transaction.on_commit(lambda: deliver_send.enqueue(send.pk))


def send_list(request):
    """Every send, newest first, with its outcome: the editors' overview."""
    sends = list(Send.objects.select_related("edition").order_by("-created_at")[:200])
    for send in sends:
        send.status_counts = {k: v for k, v in sending.counts(send).items() if v}
    return TemplateResponse(
        request, "newsletter/admin/send_list.html", {"sends": sends, **_header(_("Newsletter sends"))}
    )


# Hooks -------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_send_urls():
    return [
        path("newsletter/editions/<int:page_id>/send/", edition_send, name="newsletter_edition_send"),
        path("newsletter/sends/", send_list, name="newsletter_sends"),
    ]


class SendMenuItem(ActionMenuItem):
    """'Send newsletter…' in an edition's action menu (saved pages only)."""

    label = gettext_lazy("Send newsletter…")
    name = "action-newsletter-send"
    icon_name = "mail"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, NewsletterEditionPage)
            and self.get_user_page_permissions_tester(context).can_publish()
        )

    def get_url(self, parent_context):
        return reverse("newsletter_edition_send", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_menu_item():
    return SendMenuItem()


class SendButton(PageMenuItem):
    label = gettext_lazy("Send newsletter")
    icon_name = "mail"
    url_name = "newsletter_edition_send"
    priority = 25

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, NewsletterEditionPage) and (
            self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_page_listing_more_buttons")
def register_send_listing_button(page, user, next_url=None):
    yield SendButton(page=page)


@hooks.register("register_page_header_buttons")
def register_send_header_button(page, user, view_name, next_url=None):
    yield SendButton(page=page)


@hooks.register("register_reports_menu_item")
def register_sends_report():
    return MenuItem(
        gettext_lazy("Newsletter sends"), reverse("newsletter_sends"), icon_name="mail", order=850
    )

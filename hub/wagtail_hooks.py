from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import UnreadableDocumentsPanel, UnreadableDocumentsReport, report_urls
from .models import FocusArea, TagName
from .page_cache import mark_cacheable
from .visibility import is_expired


@hooks.register("before_serve_page", order=-10)
def expired_page_is_gone(page, request, serve_args, serve_kwargs):
    """A page past its expire_at answers 404 at once, not when publish_scheduled runs.

    Runs first, before the page cache marks the response as shareable (only 200s are
    stored anyway) and before Wagtail's view-restriction check.
    """
    if is_expired(page):
        raise Http404


hooks.register("before_serve_page", mark_cacheable)


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("Focus areas")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "description"]


register_snippet(FocusAreaViewSet)


class TagNameViewSet(SnippetViewSet):
    model = TagName
    icon = "tag"
    menu_label = _("Tag names")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["tag", "locale", "name"]
    search_fields = ["name"]


register_snippet(TagNameViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls("reports/unreadable-pdfs/", UnreadableDocumentsReport, "unreadable_documents")


@hooks.register("register_reports_menu_item")
def register_unreadable_documents_menu_item():
    return MenuItem(_("Unreadable PDFs"), reverse("unreadable_documents"), icon_name="warning", order=800)


@hooks.register("construct_homepage_panels")
def add_unreadable_documents_panel(request, panels):
    panels.append(UnreadableDocumentsPanel())

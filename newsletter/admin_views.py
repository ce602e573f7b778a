"""Subscribers and consent wording in the Wagtail admin.

Editors search, filter and export subscribers and import them from CSV (dry run first).
There is no "add" form: an address joins through the sign-up form (double opt-in) or an
import with a stated consent basis. "Delete" erases the subscriber's personal data
through the same function as the subscriber's own delete button.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, RedirectView
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from . import importing, subscriptions
from .models import ConsentText, Subscriber

IMPORT_SALT = "newsletter.import"
IMPORT_MAX_AGE = 3600


# Subscribers ---------------------------------------------------------------------------


class SubscriberIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        if not self.request.user.has_perm("newsletter.add_subscriber"):
            return []
        return [
            HeaderButton(_("Import CSV"), url=reverse("newsletter_subscriber_import"), icon_name="upload")
        ]


class SubscriberInspectView(generic.InspectView):
    """The subscriber's fields and, below them, every step of their consent."""

    def get_field_label(self, field_name, field):
        if field_name == "consent_records":
            return _("Consent")
        return super().get_field_label(field_name, field)

    def get_consent_records_display_value(self):
        records = self.object.consent_records.select_related("consent_text")
        if not records:
            return "-"
        items = format_html_join(
            "",
            "<li><strong>{}</strong> {} · {} {} {}{}</li>",
            (
                (
                    record.get_action_display(),
                    localize(localtime(record.created_at)),
                    record.get_source_display(),
                    record.source_url,
                    record.ip_address or "",
                    format_html(" · {} {}", record.consent_text, record.consent_text.text)
                    if record.consent_text
                    else "",
                )
                for record in records
            ),
        )
        return format_html("<ul>{}</ul>", items)


class SubscriberForm(forms.ModelForm):
    """Editors change the language, or unsubscribe someone who asked them to; they cannot
    subscribe anyone (that takes the subscriber's own confirmation or an import)."""

    unsubscribe = forms.BooleanField(
        label=_("Unsubscribe"),
        required=False,
        help_text=_(
            "For someone who asked you to stop sending them the newsletter. Recorded with your name."
        ),
    )

    class Meta:
        model = Subscriber
        fields = ["language"]


class SubscriberEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("unsubscribe"):
            editor = self.request.user.get_full_name() or self.request.user.get_username()
            subscriptions.unsubscribe(instance, f"editor: {editor}")
        return instance


class SubscriberDeleteView(generic.DeleteView):
    def delete_action(self):
        subscriptions.erase(self.object)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    add_to_admin_menu = False
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    delete_view_class = SubscriberDeleteView
    inspect_view_class = SubscriberInspectView
    list_display = ["email", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    search_backend_name = None
    list_export = [
        "email",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "suppressed_at",
        "suppression_reason",
    ]
    export_filename = "subscribers"
    inspect_view_enabled = True
    # What the export holds, plus the detail an editor needs when looking at one subscriber.
    inspect_view_fields = [*list_export, "suppression_detail", "consent_records"]

    def get_form_class(self, for_update=False):
        return SubscriberForm

    @property
    def add_view(self):
        return RedirectView.as_view(url=reverse_lazy("newsletter_subscriber_import"))


# Consent wording -----------------------------------------------------------------------


class ConsentTextForm(forms.ModelForm):
    """New wording is a new version; wording someone agreed to cannot change."""

    class Meta:
        model = ConsentText
        fields = ["language", "text"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.records.exists():
            raise ValidationError(_("Subscribers have agreed to this wording. Add a new version instead."))
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            latest = ConsentText.objects.filter(language=self.instance.language).order_by("-version").first()
            self.instance.version = (latest.version + 1) if latest else 1
        return super().save(commit)


class ConsentTextViewSet(ModelViewSet):
    model = ConsentText
    icon = "doc-full"
    menu_label = _("Consent wording")
    add_to_admin_menu = False
    list_display = ["__str__", "language", "version", "created_at"]
    list_filter = ["language"]

    def get_form_class(self, for_update=False):
        return ConsentTextForm


class NewsletterSubscribersGroup(ViewSetGroup):
    """The admin menu entry; the editions' views can join this group."""

    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 300
    items = (SubscriberViewSet("newsletter_subscribers"), ConsentTextViewSet("newsletter_consent_texts"))


# CSV import ----------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_('Columns "email" and, optionally, "language" (da or en).')
    )
    basis = forms.CharField(
        label=_("Consent basis"),
        max_length=300,
        help_text=_(
            "How these people agreed to receive the newsletter, e.g. the sign-up list at the 2021 annual meeting."
        ),
    )


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)


class SubscriberImportView(generic.base.WagtailAdminTemplateMixin, FormView):
    """Step 1 uploads and dry-runs; step 2 imports exactly what the dry run showed."""

    template_name = "newsletter/admin/import.html"
    page_title = _("Import subscribers")
    header_icon = "upload"
    form_class = ImportUploadForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("newsletter.add_subscriber"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("newsletter_subscribers:index"), "label": _("Subscribers")},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.import_confirmed(ImportConfirmForm(request.POST))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """The dry run: report every row, import nothing."""
        try:
            text = importing.decode(form.cleaned_data["file"].read())
            plan = importing.plan_import(text)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        payload = signing.dumps(
            {"text": text, "basis": form.cleaned_data["basis"]}, salt=IMPORT_SALT, compress=True
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                basis=form.cleaned_data["basis"],
                confirm_form=ImportConfirmForm(initial={"payload": payload}),
            )
        )

    def import_confirmed(self, confirm_form):
        try:
            if not confirm_form.is_valid():
                raise signing.BadSignature
            data = signing.loads(
                confirm_form.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
            )
            editor = self.request.user.get_full_name() or self.request.user.get_username()
            plan = importing.run_import(data["text"], editor_name=editor, basis=data["basis"])
        except (signing.BadSignature, importing.ImportFileError, KeyError, TypeError):
            messages.error(self.request, _("The dry run has expired or was changed. Upload the file again."))
            return redirect("newsletter_subscriber_import")
        messages.success(
            self.request,
            _("Imported %(imported)s subscribers; %(skipped)s rows were not imported.")
            % {"imported": plan.imported, "skipped": plan.total - plan.imported},
        )
        return redirect("newsletter_subscribers:index")

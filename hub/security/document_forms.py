"""The document form Wagtail builds its upload forms on (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

Kept apart from ``hub.security.uploads`` because importing Wagtail's document forms needs
the models loaded, and page models import the report form from there.
"""

from wagtail.documents.forms import BaseDocumentForm

from .uploads import check_upload


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their name."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked; an unchanged one was checked before.
        if uploaded and "file" in self.changed_data and hasattr(uploaded, "seek"):
            check_upload(uploaded)
        return uploaded

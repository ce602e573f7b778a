import django_filters
from django.utils.translation import gettext_lazy as _

from cases.filters import ClusterFilter
from hub.listing import FocusAreaFilter, LocalizedFilterSet


class BlogFilterSet(LocalizedFilterSet):
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__slug", distinct=True)
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter()

    class Meta:
        fields: list[str] = []

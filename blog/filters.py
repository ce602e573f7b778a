import django_filters
from django.utils.translation import gettext_lazy as _

from hub.listing import (
    ClusterFilter,
    FocusAreaFilter,
    LocalizedFilterSet,
    cluster_choices,
    focus_area_choices,
)


class BlogFilterSet(LocalizedFilterSet):
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__slug", distinct=True)
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter()

    class Meta:
        fields: list[str] = []

    def dynamic_choices(self):
        return {"focus_area": focus_area_choices(self.locale), "cluster": cluster_choices(self.locale)}

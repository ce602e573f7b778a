from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .sitemap import HubSitemap
from .views import not_translated, robots_txt, site_map_page

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": HubSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The e-mail service provider's tracking webhook, only when ANYMAIL_ESP is configured.
    path("", include("newsletter.webhook_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language: /da/... and /en/...
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("cases.urls")),
    path("", include("newsletter.urls")),
    path("not-translated/<int:page_id>/", not_translated, name="not_translated"),
    path(pgettext_lazy("URL of the site map for readers", "site-map/"), site_map_page, name="site_map"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

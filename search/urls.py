"""The search page and its suggestions, included in the language-prefixed URLs (hub/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.autocomplete, name="search_autocomplete"),
]

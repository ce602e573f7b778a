"""Search indexing while the demo loads: once per object, at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def deferred_search_index(log: Callable[[str], None]) -> Iterator[None]:
    """Index each saved object once at the end instead of on every save.

    A page is saved several times while it is created, published and translated; the
    search backend's post_save handler would reindex it each time.
    """
    from django.apps import apps
    from django.db.models.signals import post_save
    from wagtail.search import index
    from wagtail.search.signal_handlers import post_save_signal_handler

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    saved: dict[tuple[str, str], set] = {}

    def collect(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            saved.setdefault((instance._meta.app_label, instance._meta.model_name), set()).add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(collect, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    total = 0
    for (app_label, model_name), pks in saved.items():
        for instance in apps.get_model(app_label, model_name).objects.filter(pk__in=pks):
            index.insert_or_update_object(instance)
            total += 1
    log(f"Search index: {total} objects")

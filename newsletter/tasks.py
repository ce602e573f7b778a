"""The send as background work (django-tasks: ``manage.py db_worker`` in production)."""

from __future__ import annotations

from django_tasks import task

from .delivery import Send
from .sending import run_send


@task()
def deliver_send(send_id: int) -> dict:
    """Deliver a send's queued rows; rows a dead worker left behind become 'unknown'."""
    send = Send.objects.filter(pk=send_id).first()
    if send is None:
        return {"missing": send_id}
    return run_send(send).as_dict()

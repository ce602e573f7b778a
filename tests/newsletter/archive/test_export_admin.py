"""Settings → Archive export: start, run as a background task, follow, download; only
for people with the permission; failures shown with a clear message, never a 500."""

from __future__ import annotations

import datetime
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.users.models import UserProfile

from newsletter.archive.models import ArchiveExport
from tests.utils import text_of

Status = ArchiveExport.Status
SCREEN = "/admin/archive-export/"


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.ARCHIVE_EXPORT_DIR = tmp_path / "exports"
    return settings.ARCHIVE_EXPORT_DIR


def make_user(name: str, *codenames: str, superuser: bool = False):
    """An admin user who reads the admin in English (the tests read its messages)."""
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(name, f"{name}@example.org", "pw")
    else:
        user = User.objects.create_user(name, f"{name}@example.org", "pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in codenames:
            user.user_permissions.add(Permission.objects.get(codename=codename))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(db, client):
    user = make_user("redaktoer", "run_archive_export")
    client.force_login(user)
    return user


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_local_host_name_is_named_before_and_refused(
    client, editor, hub_tree, export_dir, django_capture_on_commit_callbacks
):
    screen = client.get(SCREEN)
    assert "localhost" in text_of(screen) and "Settings → Sites" in text_of(screen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SCREEN)
    export = ArchiveExport.objects.get()
    assert (
        export.status == Status.FAILED
        and "localhost" in export.error
        and "--allow-local-host" in export.error
    )
    assert not export_dir.exists() or not any(export_dir.iterdir())  # nothing was written


def test_an_editor_starts_an_export_and_downloads_it(
    client, editor, hub_tree, export_dir, django_capture_on_commit_callbacks
):
    Site.objects.filter(is_default_site=True).update(hostname="landsbyklynger.dk", port=443)
    screen = client.get(SCREEN)
    assert "Settings → Sites" not in text_of(screen)
    assert screen.status_code == 200
    assert "Start a new export" in text_of(screen)
    menu = client.get("/admin/")
    assert SCREEN in menu.content.decode()  # in the Settings menu

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SCREEN)
    assert response.status_code == 302 and response["Location"] == SCREEN

    export = ArchiveExport.objects.get()
    assert export.status == Status.DONE, export.error
    assert export.created_by == editor
    assert export.started_at and export.finished_at and export.finished_at >= export.started_at
    assert export.stage and export.total > 0  # progress came through the callback
    assert export.pages > 0 and export.documents > 0 and export.files > 0 and export.bytes > 0
    zip_path = export.zip_file()
    assert zip_path is not None and zip_path.parent == export_dir

    screen = client.get(SCREEN)
    assert screen.status_code == 200
    html = screen.content.decode()
    assert 'data-export-status="done"' in html
    assert 'http-equiv="refresh"' not in html  # nothing running: no reloading
    download_url = reverse("archive_export_download", args=[export.pk])
    assert download_url in html

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert zip_path.name in download["Content-Disposition"]
    data = body(download)
    assert data == zip_path.read_bytes()
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert any(name.endswith("bagit.txt") for name in names)
    assert any("/data/clusters/mols-i-udvikling.zip" in name for name in names)


def test_progress_is_shown_while_it_runs(client, editor, export_dir):
    ArchiveExport.objects.create(status=Status.RUNNING, stage="Rendering pages", done=40, total=160)
    html = client.get(SCREEN).content.decode()
    assert 'data-export-status="running"' in html
    assert "Rendering pages" in html
    assert '<progress max="160" value="40"' in html
    assert 'http-equiv="refresh"' in html
    assert "disabled" in html  # one export at a time


def test_a_second_export_is_refused_while_one_runs(client, editor, export_dir):
    ArchiveExport.objects.create(status=Status.RUNNING, stage="Rendering pages")
    response = client.post(SCREEN, follow=True)
    assert response.status_code == 200
    assert "already running" in text_of(response)
    assert ArchiveExport.objects.count() == 1


def test_a_failure_is_shown_with_its_reason(
    client, editor, hub_tree, export_dir, django_capture_on_commit_callbacks
):
    export_dir.parent.mkdir(parents=True, exist_ok=True)
    export_dir.write_text("a file where the export folder should be")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SCREEN)
    export = ArchiveExport.objects.get()
    assert export.status == Status.FAILED and export.error
    response = client.get(SCREEN)
    assert response.status_code == 200
    text = text_of(response)
    # The reason is written by the worker, in the site's language; the cause is named.
    assert "The export failed." in text and "FileExistsError" in text
    assert reverse("archive_export_download", args=[export.pk]) not in response.content.decode()
    download = client.get(reverse("archive_export_download", args=[export.pk]), follow=True)
    assert download.status_code == 200 and "no zip file" in text_of(download)


def test_an_export_whose_worker_died_is_reported(client, editor, export_dir):
    export = ArchiveExport.objects.create(status=Status.RUNNING, stage="Rendering pages")
    ArchiveExport.objects.filter(pk=export.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))
    response = client.get(SCREEN)
    export.refresh_from_db()
    assert export.status == Status.FAILED
    assert "worker" in text_of(response)


def test_people_without_the_permission_are_refused(db, client, export_dir, tmp_path):
    export_dir.mkdir(parents=True)
    zip_path = export_dir / "landsbyklynger-archive.zip"
    zip_path.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    export = ArchiveExport.objects.create(status=Status.DONE, zip_path=str(zip_path))
    download_url = reverse("archive_export_download", args=[export.pk])

    # Not logged in: the admin's login page, nothing else.
    for url in (SCREEN, download_url):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    # An editor with admin access but without the permission.
    # Wagtail answers a refusal in the admin by sending them to the dashboard with a message.
    client.force_login(make_user("skribent"))
    for response in (client.get(SCREEN), client.post(SCREEN), client.get(download_url)):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    refusal = text_of(client.get(SCREEN, follow=True))
    assert "permission to access this area" in refusal or "tilgå dette område" in refusal
    assert SCREEN not in client.get("/admin/").content.decode()
    assert ArchiveExport.objects.count() == 1

    # A superuser may; a zip outside ARCHIVE_EXPORT_DIR is never served.
    client.force_login(make_user("chef", superuser=True))
    assert client.get(download_url).status_code == 200
    outside = tmp_path / "elsewhere.zip"
    outside.write_bytes(zip_path.read_bytes())
    ArchiveExport.objects.filter(pk=export.pk).update(zip_path=str(outside))
    response = client.get(download_url)
    assert response.status_code == 302

"""Replace Wagtail's placeholder page with the hub's Danish home page and add English."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("hub.HomePage")

    danish, _ = Locale.objects.get_or_create(language_code="da")
    Locale.objects.get_or_create(language_code="en")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="hub")
    homepage = HomePage.objects.create(
        title="Landsbyklynger",
        draft_title="Landsbyklynger",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=danish,
        translation_key=uuid.uuid4(),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Landsbyklynger"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("hub.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]

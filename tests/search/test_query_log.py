"""The search log keeps what readers look for, and only that: junk cut and cleaned before
it is stored, editors' and previews' searches not counted, long queries shortened in the
reports with the whole text on hover."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from search.models import MAX_LOGGED_LENGTH, SearchQueryDay, loggable_query


def test_control_characters_are_dropped_and_long_queries_cut():
    assert loggable_query("Mols\x00 i\tUd\x1b[31mvikling\u200b") == "mols i ud[31mvikling"
    assert len(loggable_query("x" * 10_000)) == MAX_LOGGED_LENGTH
    assert loggable_query("\x00\x07 \n") == ""


def test_a_pasted_flood_is_stored_cut_and_a_query_of_control_characters_not_at_all(hub_tree, client):
    client.get("/da/search/", {"q": "x" * 10_000})
    client.get("/da/search/", {"q": "\x07\x1b"})
    assert [len(row.query) for row in SearchQueryDay.objects.all()] == [MAX_LOGGED_LENGTH]


def test_editors_and_previews_are_not_counted(hub_tree, client, admin_client):
    admin_client.get("/da/search/?q=kalender")  # an editor trying the site
    client.get("/da/search/?q=kalender", HTTP_REFERER="http://testserver/admin/pages/3/edit/preview/")
    assert not SearchQueryDay.objects.exists()
    client.get("/da/search/?q=kalender", HTTP_REFERER="https://www.example.org/admin/")  # another site
    client.get("/da/search/?q=kalender")
    assert SearchQueryDay.objects.get(query="kalender").searches == 2


def test_reports_shorten_long_queries_and_keep_the_whole_text_on_hover(hub_tree, client, admin_client):
    flood = "x" * 10_000
    client.get("/da/search/", {"q": flood})
    client.get("/da/search/?q=mols")
    page = BeautifulSoup(admin_client.get(reverse("popular_searches")).content, "html.parser")
    cells = {cell.get_text(strip=True): cell for cell in page.select("td")}
    assert "mols" in cells
    shortened = next(cell for text, cell in cells.items() if text.startswith("xxx"))
    assert len(shortened.get_text(strip=True)) <= 61
    assert shortened.select_one("span")["title"] == flood[:MAX_LOGGED_LENGTH]
    assert flood[:100] not in shortened.get_text()

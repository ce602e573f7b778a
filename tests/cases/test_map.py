"""The map of Denmark: its projection and outline, the clusters' locations, the index's
map filtered with its list, the locator map of a cluster page, the report counts."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from cases import map as denmark
from tests.utils import links, parse, text_of

# Projection and outline --------------------------------------------------------------


def test_the_projection_puts_denmark_in_its_frame_north_up_and_west_left():
    skagen, gedser = denmark.project(57.72, 10.58), denmark.project(54.57, 11.93)
    esbjerg, copenhagen = denmark.project(55.47, 8.45), denmark.project(55.68, 12.57)
    for x, y in (skagen, gedser, esbjerg, copenhagen):
        assert denmark.in_frame(x, y)
    assert skagen[1] < esbjerg[1] < gedser[1], "north is up"
    assert esbjerg[0] < skagen[0] < copenhagen[0], "west is left"
    # Equirectangular at 56° N: a degree of longitude is cos(56°) of a degree of latitude.
    east, north = denmark.project(56.0, 10.0), denmark.project(56.0, 11.0)
    assert east[1] == north[1]
    assert north[0] - east[0] == pytest.approx(0.5592 * denmark.SCALE, rel=1e-3)


def test_bornholm_is_drawn_in_its_inset():
    x, y = denmark.project(55.13, 14.92)  # Bornholm
    left, top, width, height = denmark.INSET
    assert left <= x <= left + width and top <= y <= top + height
    assert denmark.place(Decimal("55.13"), Decimal("14.92")) == (round(x, 1), round(y, 1))


def test_a_location_off_the_map_or_missing_is_not_placed():
    assert denmark.place(None, 10.5) is None
    assert denmark.place(56.0, None) is None
    assert denmark.place(59.9, 10.7) is None  # Oslo


def test_the_outline_is_the_reduced_natural_earth_path_with_its_source_and_licence():
    outline = denmark.outline()
    assert outline.view_box == f"0 0 {denmark.WIDTH} {denmark.HEIGHT}"
    rings = re.findall(r"M[\d. L]+Z", outline.path)
    assert len(rings) >= 10, "Jutland, Funen, Zealand, Bornholm and the larger islands"
    numbers = [float(n) for n in re.findall(r"[\d.]+", outline.path)]
    assert min(numbers) >= 0 and max(numbers) <= max(denmark.WIDTH, denmark.HEIGHT)
    svg = denmark.OUTLINE_FILE.read_text(encoding="utf-8")
    assert "Natural Earth" in svg and "public domain" in svg and "ISC" in svg


def test_points_closer_than_a_marker_are_moved_just_apart():
    moved = denmark.spread([(100.0, 100.0), (100.0, 100.0), (105.0, 100.0), (300.0, 300.0)], distance=20)
    for i, a in enumerate(moved):
        for b in moved[i + 1 :]:
            assert ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 >= 19.9
    assert moved[3] == (300.0, 300.0), "a point with room stays where it is"
    assert all(abs(x - 100) < 25 and abs(y - 100) < 25 for x, y in moved[:3]), "moved a little only"


# Location fields -----------------------------------------------------------------------


def test_a_cluster_needs_both_coordinates_or_neither(hub_tree):
    cluster = hub_tree.da.lemvig
    cluster.latitude = Decimal("56.55")
    with pytest.raises(ValidationError) as error:
        cluster.full_clean()
    assert "longitude" in error.value.message_dict
    cluster.longitude = Decimal("8.31")
    cluster.full_clean()
    cluster.latitude = Decimal("60.0")
    with pytest.raises(ValidationError) as error:
        cluster.full_clean()
    assert "latitude" in error.value.message_dict


# The cluster index ---------------------------------------------------------------------


def map_links(response) -> list[dict]:
    svg = response.content.decode().split('<svg class="cluster-map__svg"', 1)[1].split("</svg>", 1)[0]
    return links(f"<svg {svg}</svg>")


def test_every_located_cluster_is_a_linked_numbered_point_and_the_rest_are_listed(client, hub_tree):
    da = hub_tree.da
    response = client.get(da.cluster_index.url)
    points = {a["href"]: a["aria-label"] for a in map_links(response)}
    assert points == {
        da.midtfyn.url: "2. Landet på Midtfyn (Pilotprojekt (2015-2017))",
        da.mols.url: "3. Mols i Udvikling (Pilotprojekt (2015-2017))",
    }
    text = text_of(response)
    assert "1 klynge har endnu ingen placering og står kun i listen." in text
    cards = [a["href"] for a in links(response) if a.get("href") in {da.lemvig.url, da.mols.url}]
    assert da.lemvig.url in cards, "a cluster without a location is still listed"


def test_the_map_is_filtered_with_the_list(client, hub_tree):
    da = hub_tree.da
    response = client.get(da.cluster_index.url + "?municipality=Syddjurs")
    assert [a["href"] for a in map_links(response)] == [da.mols.url]
    assert "ingen placering" not in text_of(response)
    chips = [a for a in links(response) if "chip" in a.get("class", "").split()]
    assert [chip["href"] for chip in chips] == [da.cluster_index.url]


def test_a_cluster_readers_may_not_see_is_not_on_the_map(client, hub_tree):
    da = hub_tree.da
    PageViewRestriction.objects.create(page=da.midtfyn, restriction_type="password", password="x")
    assert [a["href"] for a in map_links(client.get(da.cluster_index.url))] == [da.mols.url]


def test_the_cards_say_how_many_reports_each_cluster_offers(client, hub_tree):
    html = client.get(hub_tree.da.cluster_index.url).content.decode()
    cards = [text_of(card) for card in html.split('<article class="card cluster-card">')[1:]]
    counts = {card.split(" ", 1)[1].split(" Kommune")[0]: card.rsplit("Aktiv ", 1)[-1] for card in cards}
    assert len(cards) == 3
    assert any(
        card.startswith("1 Klyngen ved Lemvig") and card.endswith("Ingen rapporter endnu") for card in cards
    )
    assert any(card.startswith("2 Landet på Midtfyn") and " 1 rapport" in card for card in cards)
    assert any(card.startswith("3 Mols i Udvikling") and " 2 rapporter" in card for card in cards), counts


def test_the_map_is_english_on_english_pages_and_numbers_are_not_localised(client, hub_tree):
    response = client.get(hub_tree.en.cluster_index.url)
    html = response.content.decode()
    assert "Map of Denmark with" in text_of(response)
    circles = parse(html).tags["circle"]
    assert circles and all("," not in circle["cx"] for circle in circles), "SVG needs dots, not Danish commas"


# A cluster's page ----------------------------------------------------------------------


def test_a_cluster_page_shows_where_it_lies_and_its_reports_before_its_description(client, hub_tree):
    da = hub_tree.da
    response = client.get(da.mols.url)
    html = response.content.decode()
    svg = parse(html).tags["svg"]
    assert any(s.get("role") == "img" and "locator-map__svg" in s.get("class", "") for s in svg)
    assert "Hvor Mols i Udvikling ligger: Syddjurs Kommune på et danmarkskort." in text_of(response)
    assert html.index('id="reports-heading"') < html.index('id="about-heading"')
    assert "Hent alle 2 rapporter samlet som zip-fil" in text_of(response)
    # No location, no locator map.
    assert "locator-map" not in client.get(da.lemvig.url).content.decode()

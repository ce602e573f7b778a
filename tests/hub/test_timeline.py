"""The programmes' timeline and the key figures on the home and plain pages (hub.blocks)."""

from __future__ import annotations

import json

from tests.utils import parse, text_of

TIMELINE = {
    "type": "timeline_block",
    "value": {
        "heading": "Tidslinje",
        "periods": [
            {
                "type": "item",
                "id": "p1",
                "value": {"label": "Pilotprojekt", "start": 2015, "end": 2017, "text": "5 klynger"},
            },
            {
                "type": "item",
                "id": "p2",
                "value": {"label": "Kampagnen", "start": 2016, "end": 2019, "text": ""},
            },
        ],
        "milestones": [
            {"type": "item", "id": "m1", "value": {"year": 2022, "label": "Sekretariatet lukker"}}
        ],
        "show_yearly_count": True,
    },
}
FACTS = [
    {"type": "fact_block", "value": {"figure": "29", "text": "klynger"}},
    {"type": "fact_block", "value": {"figure": "6", "text": "fokusområder"}},
]


def publish_body(page, blocks):
    page.body = json.dumps(blocks)
    page.save_revision().publish()


def test_the_timeline_reads_in_order_and_counts_the_clusters_established_each_year(client, hub_tree):
    about = hub_tree.da.about
    publish_body(about, [TIMELINE])
    response = client.get(about.url)
    html = response.content.decode()
    items = parse(html).tags["li"]
    bars = [li["class"] for li in items if "timeline__bar" in li.get("class", "")]
    # The pilot 2015-2017 spans years 1-3 of 2015-2022, the campaign 2016-2019 years 2-5.
    assert bars == [
        "timeline__bar timeline__bar--1 tl-col-1 tl-span-3",
        "timeline__bar timeline__bar--2 tl-col-2 tl-span-4",
    ]
    text = text_of(response)
    assert "2015–2017 Pilotprojekt 5 klynger" in text and "2016–2019 Kampagnen" in text
    assert "2022 Sekretariatet lukker" in text
    # The tree's clusters were established in 2015, 2016 and 2018: one each, read as numbers.
    assert "1 2015 1 2016 0 2017 1 2018 0 2019 0 2020 0 2021 0 2022" in text
    assert "klynger etableret (hvor året kendes)" in text.lower()


def test_consecutive_key_figures_share_one_row(client, hub_tree):
    home = hub_tree.da.home
    publish_body(home, [*FACTS, {"type": "paragraph_block", "value": "<p>Tekst</p>"}, FACTS[0]])
    html = client.get("/da/").content.decode()
    assert html.count('<div class="key-figures">') == 2
    row = html.split('<div class="key-figures">', 1)[1].split('<div class="block-paragraph_block">', 1)[0]
    assert row.count('class="block-fact"') == 2

"""Tests of ingestion: the line cleaner, datelines, titles, and the text/HTML/JSONL readers.

Every line and article here is invented for the tests.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import DataFileError, InputError
from warmonitor.ingest import (
    Byline,
    Dateline,
    ReadFailure,
    RemovedLine,
    article_from_html,
    article_from_text,
    clean_text,
    find_title,
    match_byline,
    match_dateline,
    parse_published,
    read_articles,
)
from warmonitor.ingest.patterns import BOILERPLATE_PATH, load_patterns
from warmonitor.models import Article

INGEST = Path(__file__).parent / "data" / "ingest"
BODY = "Government forces shelled the northern outskirts of the town on Thursday, residents said."


def _reason(line: str) -> str | None:
    """The reason the cleaner drops `line` when it stands between two body paragraphs, else None."""
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY}")
    reasons = [removed.reason for removed in cleaned.removed if removed.text == line.strip()]
    return reasons[0] if reasons else None


DROPPED = [
    # captions
    ("Residents inspect a destroyed house in Rafah. (Reuters/Ibrahim Saleh/File Photo)", "caption"),
    ("A soldier fires a mortar near Bakhmut, Ukraine, on May 3, 2023. (AP Photo/Libkos)", "caption"),
    ("Smoke rises over Khartoum after an air strike. (AFP via Getty Images)", "caption"),
    ("Displaced families gather at a camp near Goma. (Photo by Guerchom Ndebo/AFP via Getty Images)", "caption"),
    ("FILE PHOTO: Tanks are seen near the border in Belgorod region, Russia, February 24, 2022.", "caption"),
    ("Photo: Rescuers search the rubble of a market in Idlib.", "caption"),
    ("Picture: A checkpoint on the road to Marib.", "caption"),
    ("Image: Smoke over the port of Hodeidah.", "caption"),
    ("Turkish soldiers are pictured at an observation post near Saraqeb.", "caption"),
    ("A damaged mosque is pictured in the old city of Mosul, Iraq.", "caption"),
    ("Armoured vehicles drive along a highway, as they are pictured from near the border town of Akcakale.", "caption"),
    ("Syrian army soldiers stand on a tank in Aleppo. REUTERS/Omar Sanadiki/File Photo", "caption"),
    # credits
    ("Photo by Sara Levin", "credit"),
    ("Credit: AFP", "credit"),
    ("REUTERS/Mahmoud Hassano", "credit"),
    ("AFP via Getty Images", "credit"),
    # bylines
    ("By John Smith", "byline"),
    ("By Maria Gonzalez and Ahmed Nour", "byline"),
    ("By ANNA KOVAL, Associated Press", "byline"),
    ("BY SAMIR HADDAD", "byline"),
    ("Reporting by Maya Gebeily; Editing by Alex Richardson", "byline"),
    ("(Reporting by Idrees Ali in Washington; Writing by Jan Harvey; Editing by Peter Cooney)", "byline"),
    ("Writing by Lina Najem", "byline"),
    ("Additional reporting by Tom Perry in Beirut", "byline"),
    # paywall, newsletter, links, ads, share buttons, social, cookies, copyright
    ("To Read The Full Story", "paywall"),
    ("Are you already a subscriber?", "paywall"),
    ("Click to log in!", "paywall"),
    ("Subscribe now for unlimited access", "paywall"),
    ("Sign up for our newsletter", "newsletter"),
    ("Subscribe to The Valley Courier to support independent journalism in the region.", "appeal"),
    ("Please donate to keep our reporting free for everyone.", "appeal"),
    ("Become a member and support our work.", "appeal"),
    ("Read more: Fighting flares in eastern Congo", "read-more"),
    ("Related: UN envoy calls for a ceasefire in Sudan", "read-more"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Share this article", "share-buttons"),
    ("Follow us on Twitter and Facebook", "social"),
    ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie"),
    ("All rights reserved.", "copyright"),
    ("Copyright 2024 Example News Agency", "copyright"),
    ("COPYRIGHT (c) 2022 Example Press", "copyright"),
    ("© 2023 Example Media Group. All rights reserved.", "copyright"),
]

KEPT = [
    BODY,
    "A Reuters photographer saw at least six bodies in the street outside the hospital.",
    "The channel, which has about 2 million subscribers, was taken off the air after the raid, its director said.",
    "Subscribers to the rebel group's Telegram channel were told to stay away from the front line.",
    "Reporters who were pictured with the commander on Monday were later detained, the union said.",
    "The commander, who is pictured in the video holding a rifle, was killed in a drone strike, the army said.",
    "By Tuesday evening, the army said it had retaken the village of Ras al-Ain from Kurdish fighters.",
    "Photographers and journalists were barred from entering the city, witnesses said.",
    "The militants said in a statement shared on social media that they had seized three army posts.",
    "Read the full statement, the ministry told reporters, before drawing conclusions about the attack.",
    "Copyright disputes were not the reason the channel was closed, officials said in a statement on Friday.",
    "Israeli air strikes killed at least 12 people in Rafah, the Gaza health ministry said (Reuters could not verify the toll).",
    "Russian forces launched 40 drones overnight, Ukraine's air force said.",
    "Residents who subscribe to the militia's channel were warned of the raid, the mayor said.",
    "Gulf states pledged to support our government with $2 billion, the finance minister said.",
]


@pytest.mark.parametrize(("line", "reason"), DROPPED)
def test_boilerplate_line_is_dropped_with_its_reason(line: str, reason: str) -> None:
    assert _reason(line) == reason


@pytest.mark.parametrize("line", KEPT)
def test_news_sentence_is_kept(line: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY}")
    assert line in cleaned.paragraphs
    assert _reason(line) is None


DATELINES = [
    ("BEIRUT (Reuters) —", Dateline("BEIRUT", "Reuters"), ""),
    ("BEIRUT (Reuters) - Syrian forces advanced on Saraqeb.", Dateline("BEIRUT", "Reuters"), "Syrian forces advanced on Saraqeb."),
    ("KYIV, Ukraine (AP) — Russian drones hit Kyiv.", Dateline("KYIV", "AP", region="Ukraine"), "Russian drones hit Kyiv."),
    ("GAZA CITY, Jan 5 (Reuters) - Israeli tanks pushed into the camp.", Dateline("GAZA CITY", "Reuters", date_text="Jan 5"), "Israeli tanks pushed into the camp."),
    ("Damascus, Syria — Syrian state media said air defences fired.", Dateline("Damascus", None, region="Syria"), "Syrian state media said air defences fired."),
    ("MOSCOW, Feb. 6 (Reuters) – Russia said its troops advanced.", Dateline("MOSCOW", "Reuters", date_text="Feb. 6"), "Russia said its troops advanced."),
    ("KHARTOUM, Sudan, March 3 (AFP) -", Dateline("KHARTOUM", "AFP", region="Sudan", date_text="March 3"), ""),
    ("UNITED NATIONS (AP) — The Security Council met on Friday.", Dateline("UNITED NATIONS", "AP"), "The Security Council met on Friday."),
    ("Kharkiv (AFP) - Shelling killed two people.", Dateline("Kharkiv", "AFP"), "Shelling killed two people."),
    ("ADEN, Yemen -- Houthi fighters attacked a checkpoint.", Dateline("ADEN", None, region="Yemen"), "Houthi fighters attacked a checkpoint."),
    ("RAS AL-AIN, Syria (Reuters) — Turkish-backed fighters entered the town.", Dateline("RAS AL-AIN", "Reuters", region="Syria"), "Turkish-backed fighters entered the town."),
    ("N'DJAMENA (Reuters) -", Dateline("N'DJAMENA", "Reuters"), ""),
    # a date with its year
    ("MOPTI, June 17, 2015 (AFP) - Gunmen attacked a bus.", Dateline("MOPTI", "AFP", date_text="June 17, 2015"),
     "Gunmen attacked a bus."),
    # a colon after a place in capitals
    ("HARGEISA: Gunmen attacked a police post overnight, officials said.", Dateline("HARGEISA"),
     "Gunmen attacked a police post overnight, officials said."),
    ("LAGOS, Nigeria (AFP): Police fired tear gas at marchers.", Dateline("LAGOS", "AFP", region="Nigeria"),
     "Police fired tear gas at marchers."),
    # a parenthesised name that is no agency is the region, before a colon or a dash
    ("Quetta (Pakistan): A roadside bomb hit a police van on Monday.", Dateline("Quetta", region="Pakistan"),
     "A roadside bomb hit a police van on Monday."),
    ("JUBA, South Sudan -- Soldiers clashed with cattle raiders near the river.", Dateline("JUBA", region="South Sudan"),
     "Soldiers clashed with cattle raiders near the river."),
    ("BAMAKO (Reuters) - Jihadists attacked two army camps in central Mali.", Dateline("BAMAKO", "Reuters"),
     "Jihadists attacked two army camps in central Mali."),
    ("TRIPOLI, Libya (Thomson Reuters Foundation) - Migrants were moved from the camp.",
     Dateline("TRIPOLI", "Thomson Reuters Foundation", region="Libya"), "Migrants were moved from the camp."),
    # two places, the first is the filing place
    ("GOMA/BUKAVU, Congo (Reuters) - Rebels advanced on two towns.", Dateline("GOMA", "Reuters", region="Congo"),
     "Rebels advanced on two towns."),
    # title case alone with a long dash
    ("Kandahar — Taliban fighters stormed a checkpoint at dawn.", Dateline("Kandahar"),
     "Taliban fighters stormed a checkpoint at dawn."),
    # an agency's mark with no place
    ("(AFP) - Riot police fired water cannon at students in the capital.", Dateline(None, "AFP"),
     "Riot police fired water cannon at students in the capital."),
    ("Oct. 3 (UPI) -- Gunmen kidnapped 20 passengers from a bus.", Dateline(None, "UPI", date_text="Oct. 3"),
     "Gunmen kidnapped 20 passengers from a bus."),
    # a region and an agency, each in brackets
    ("Maroua (Cameroon) (AFP) - Soldiers repelled an attack on the camp.", Dateline("Maroua", "AFP", region="Cameroon"),
     "Soldiers repelled an attack on the camp."),
    # the story's date stamp after the dateline, on the dateline's line: no sentence, no headline
    ("BAMAKO (Reuters) - Tuesday, March 3, 2020", Dateline("BAMAKO", "Reuters"), ""),
    ("Maroua (Cameroon) (AFP) - Published on 04/05/2021 at 10:12", Dateline("Maroua", "AFP", region="Cameroon"), ""),
]


@pytest.mark.parametrize(("line", "expected", "rest"), DATELINES)
def test_dateline_shapes(line: str, expected: Dateline, rest: str) -> None:
    matched = match_dateline(line)
    assert matched is not None
    dateline, found_rest = matched
    assert (dateline.place, dateline.outlet, dateline.region, dateline.date_text) == (
        expected.place, expected.outlet, expected.region, expected.date_text)
    assert found_rest == rest
    cleaned = clean_text(f"{line}\n{BODY}")
    assert cleaned.dateline is not None and cleaned.dateline.place == expected.place
    assert cleaned.paragraphs[0] == (f"{rest} {BODY}" if rest else BODY)
    assert ("dateline" in {r.reason for r in cleaned.removed})


@pytest.mark.parametrize("line", [
    "Russia — which denies targeting civilians — said it struck military sites.",
    "Syrian forces - backed by Russian jets - advanced on Thursday.",
    "The UN said 40 people were killed.",
    "Turkey, Russia - the two powers back opposing sides.",
    "NATO - the alliance said it would not be drawn into the war.",
    "NATO - Allies agreed on Friday to send more air defences.",
    "UN: The Security Council will meet on Monday.",
    "ISIS: The group claimed the attack in a statement.",
    "UPDATE: Rebels say they hold the airport road.",
    "US - Russia talks collapse",  # a headline
    "KABUL - Taliban seize border crossing",  # a headline, not a dateline
    "(Update) - Officials said the road had reopened.",
    "Hamas — which runs Gaza — said it had fired rockets.",
    "Fighting: Both sides reported heavy losses near the dam.",
    "Meanwhile — Rescuers pulled two children from the rubble.",
])
def test_not_a_dateline(line: str) -> None:
    assert match_dateline(line) is None
    assert clean_text(f"{line}\n\n{BODY}").dateline is None


def test_dateline_only_at_the_start_of_the_body() -> None:
    text = f"{BODY}\n\nBEIRUT (Reuters) - Syrian forces advanced on Saraqeb."
    cleaned = clean_text(text)
    assert cleaned.dateline is None
    assert cleaned.paragraphs[-1] == "BEIRUT (Reuters) - Syrian forces advanced on Saraqeb."


def test_a_wrapped_dateline_line_is_no_headline() -> None:
    cleaned = clean_text("KABUL (Reuters) - Taliban fighters seized\nthe district centre on Sunday, officials said.")
    assert cleaned.dateline == Dateline("KABUL", "Reuters", text="KABUL (Reuters) -")
    assert cleaned.paragraphs == ["Taliban fighters seized the district centre on Sunday, officials said."]


FURNITURE = [
    "World | Africa",
    "AFP",
    "Published 3 March 2022, 10:15 GMT",
    "Tuesday, March 1, 2022",
    "- Talks in the capital broke up without a deal.",
    "• Aid agencies warn of hunger in the south",
    "https://example.org/s/8f2k",
    "Map of the northern provinces.",
    "By Associated Press",
]


@pytest.mark.parametrize("furniture", FURNITURE)
def test_a_dateline_under_page_furniture_is_found_and_the_furniture_dropped(furniture: str) -> None:
    text = f"Rebels shell port city as talks stall\n\n{furniture}\n\nMOGADISHU (Reuters) - {BODY}\n\n{BODY}"
    cleaned = clean_text(text)
    assert cleaned.dateline is not None and cleaned.dateline.place == "MOGADISHU"
    assert cleaned.paragraphs == [BODY, BODY]
    # dropped as furniture above the dateline, or by what it is (a stamp, a link, key points: ingest/furniture.py)
    assert furniture in {r.text for r in cleaned.removed if r.reason not in ("title", "dateline")}


def test_several_furniture_lines_and_a_truncated_caption_above_the_dateline() -> None:
    caption = "Soldiers patrol a street in the old city after the curfew was lifted on Sunday, March 6, 2022."
    text = "\n".join(["Middle East", "", "Curfew lifted in northern city", "", "March 7, 2022 08:10 AM", "",
                     caption[:60] + "…", caption, "", f"AMMAN, Jordan -- {BODY}"])
    cleaned = clean_text(text)
    assert cleaned.dateline == Dateline("AMMAN", region="Jordan", text="AMMAN, Jordan --")
    assert cleaned.text == BODY
    assert len([r for r in cleaned.removed if r.reason not in ("title", "dateline")]) == 4


def test_furniture_stays_where_no_dateline_follows() -> None:
    cleaned = clean_text(f"Rebels shell port city as talks stall\n\nWorld | Africa\n\n{BODY}")
    assert cleaned.dateline is None
    assert cleaned.paragraphs == ["World | Africa", BODY]


def test_no_dateline_is_looked_for_past_the_first_sentences() -> None:
    first = "Government forces and rebels fought for a third day around the airport, residents said."
    cleaned = clean_text(f"{first}\n\nMOGADISHU (Reuters) - {BODY}")
    assert cleaned.dateline is None
    assert cleaned.paragraphs[0] == first


def test_a_repeated_dateline_is_cut_and_its_teaser_dropped() -> None:
    lead = "A bomb tore through a mosque during Friday prayers, killing 12 people, officials said."
    teaser = f"HERAT, Afghanistan (AP) — {lead} Rescuers searched the rubble for ..."
    text = f"Mosque bombing kills 12 in western city\n\n{teaser}\n\nHERAT, Afghanistan (AP) — {lead}\n\n{BODY}"
    cleaned = clean_text(text)
    assert cleaned.dateline is not None and cleaned.dateline.region == "Afghanistan"
    assert cleaned.paragraphs == [lead, BODY]
    assert [r.reason for r in cleaned.removed] == ["title", "dateline", "teaser", "dateline"]


def test_a_repeated_dateline_before_new_text_keeps_both_paragraphs() -> None:
    text = f"GAZA CITY (AFP) — Israeli tanks pushed into the camp.\n\nGAZA CITY (AFP) — {BODY}"
    cleaned = clean_text(text)
    assert cleaned.paragraphs == ["Israeli tanks pushed into the camp.", BODY]
    assert [r.reason for r in cleaned.removed] == ["dateline", "dateline"]


BYLINES = [
    ("By a staff writer, Radio Tamazuj (Juba)", Byline("", "a staff writer", "Radio Tamazuj", "Juba")),
    ("By a staff writer, Radio X (Washington, DC)", Byline("", "a staff writer", "Radio X", "Washington, DC")),
    ("By Amina Yusuf in Maiduguri", Byline("", "Amina Yusuf", None, "Maiduguri")),
    ("By Omar Haddad, Reuters, in Gaza City", Byline("", "Omar Haddad", "Reuters", "Gaza City")),
    ("By our correspondent", Byline("", "our correspondent", None, None)),
    ("By staff writers, Sudan Tribune", Byline("", "staff writers", "Sudan Tribune", None)),
]


@pytest.mark.parametrize(("line", "expected"), BYLINES)
def test_bylines_give_the_author_outlet_and_place(line: str, expected: Byline) -> None:
    byline = match_byline(line)
    assert byline is not None
    assert (byline.author, byline.outlet, byline.place) == (expected.author, expected.outlet, expected.place)
    cleaned = clean_text(f"Rebels shell port city as talks stall\n\n{line}\n\n{BODY}")
    assert cleaned.byline == byline
    assert cleaned.text == BODY
    assert cleaned.filed_from == expected.place
    assert ("byline", line) in {(r.reason, r.text) for r in cleaned.removed}


@pytest.mark.parametrize("line", [
    "By Sunday troops were in Kabul.",
    "By Friday, rebels had taken the town (Reuters)",
    "By nightfall the fighting had reached the airport in Aden.",
])
def test_not_a_byline(line: str) -> None:
    assert match_byline(line) is None


@pytest.mark.parametrize(("text", "filed_from", "filed_by", "vote"), [
    (f"SRINAGAR, India (AP) — {BODY}", "SRINAGAR, India", "AP", "SRINAGAR"),
    (f"By a staff writer, Radio X (Washington, DC)\n\n{BODY}", "Washington, DC", "a staff writer, Radio X", "Washington"),
    (f"By a staff writer, Radio X (Washington, DC)\n\nPeshawar (Pakistan): {BODY}", "Peshawar, Pakistan",
     "a staff writer, Radio X", "Peshawar"),  # the dateline wins
    (f"(AFP) - {BODY}", None, "AFP", None),
    (BODY, None, None, None),
])
def test_the_filing_place(text: str, filed_from: str | None, filed_by: str | None, vote: str | None) -> None:
    cleaned = clean_text(text)
    assert (cleaned.filed_from, cleaned.filed_by, cleaned.filing_place) == (filed_from, filed_by, vote)
    assert cleaned.text == BODY


@pytest.mark.parametrize(("text", "title"), [
    ("Syria's Warring Sides Face Off in Town East of Idlib\n\n" + BODY, "Syria's Warring Sides Face Off in Town East of Idlib"),
    ("Drone strike hits port in Odesa\n" + BODY, "Drone strike hits port in Odesa"),
    ("Is the ceasefire in Gaza about to collapse?\n\n" + BODY, "Is the ceasefire in Gaza about to collapse?"),
    (BODY + "\n\n" + BODY, None),  # a full sentence is not a headline
    ("BEIRUT (Reuters) —\n" + BODY, None),  # a dateline is not a headline
    ("Advertisement\n\n" + BODY, None),
    ("Only a headline with nothing after it", None),
    ("This line is far too long to be the headline of any wire story because it goes on and on about "
     "the fighting and the negotiations and the refugees and the weather\n\n" + BODY, None),
])
def test_title_on_the_first_line(text: str, title: str | None) -> None:
    assert find_title(text) == title
    cleaned = clean_text(text)
    assert cleaned.title == title
    if title:
        assert title not in cleaned.text
        assert cleaned.removed[0].reason == "title"


def test_known_title_is_removed_even_when_it_ends_with_a_period() -> None:
    cleaned = clean_text("Rebels seize town.\n\n" + BODY, title="Rebels seize town.")
    assert cleaned.text == BODY
    assert cleaned.title == "Rebels seize town."


def test_removed_line_splits_the_paragraph() -> None:
    cleaned = clean_text("First kept line of the paragraph.\nAdvertisement\nSecond kept line of it.")
    assert cleaned.paragraphs == ["First kept line of the paragraph.", "Second kept line of it."]


def test_wrapped_lines_are_joined_into_one_paragraph() -> None:
    cleaned = clean_text("Troops advanced on the town\non Thursday, witnesses said.\n\nA second paragraph.")
    assert cleaned.paragraphs == ["Troops advanced on the town on Thursday, witnesses said.", "A second paragraph."]


def test_read_more_link_headlines_are_dropped() -> None:
    text = f"{BODY}\n\nRead more:\nRebels say they seized two districts in Shabwa\nUN envoy urges truce in Yemen\n\n{BODY}"
    cleaned = clean_text(text)
    assert [r.reason for r in cleaned.removed] == ["read-more"] * 3
    assert cleaned.paragraphs == [BODY, BODY]


# Page furniture told by its shape and its neighbours (ingest/furniture.py)
FURNITURE_DROPPED = [
    ("Posted March 3, 2021 9:15 pm - Updated March 4, 2021 6:40 am", "timestamp"),
    ("Updated 5 May 2022", "timestamp"),
    ("February 11, 2020 08:30", "timestamp"),
    ("Politics | Author: Staff | March 2, 2022, Wednesday @ 09:10 | 845 views", "timestamp"),
    ("World News | Mon Feb 3, 2020 | 7:02am EST", "timestamp"),
    ("AFP | Published May 9, 2022", "timestamp"),
    ("[March 9, 2021]", "timestamp"),
    ("·4 min read", "reading-time"),
    ("https://example.news/x7Kq2", "link"),
    ("RELATED Flooding cuts roads across the delta", "read-more"),
    ("Map of Ethiopia showing the Tigray region.", "caption"),
    ("Residents search the ruins of a school in the town, March 2, 2021. REUTERS/Staff", "caption"),
    ("Rescuers dig through rubble after the strike. Photo courtesy of the Civil Defence", "caption"),
    ("Mourners carry a coffin through the streets of the town, May 4, 2021.", "caption"),
    ("- Floods sweep away bridge in northern province - Minister resigns over fuel crisis - Talks open in Doha on grain deal",
     "headline-list"),
    ("No comments:", "comments"),
    ("Post a Comment", "comments"),
    ("Comments are closed on this story.", "comments"),
    ("[© 2022 Example News. All rights", "copyright"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ("Get the latest news: follow us on Telegram and on Facebook.", "social"),
]

FURNITURE_KEPT = [
    "Kabul, Afghanistan, March 3, 2021",  # a place before the date: a dateline's shape, left to the dateline reader
    "Kyiv Post | Mon Feb 3, 2020 | 7:02am EST",  # a name that may be the filing place: the geoparser's evidence
    "March 3, 2021 - Government forces shelled the northern outskirts of the town, residents said.",
    "Updated figures released on Monday showed that 40 people had died in the floods.",
    "The toll was updated to 14 on the evening of March 3, 2021, the ministry said.",
    "- Fourteen civilians were killed in the strike on the market.",
    "- Fourteen civilians were killed in the strike. - Twenty more were wounded, three of them children.",
    "The army - which had withdrawn from the town - returned on Monday.",
    "The shelling went on through the night and into the morning...",
    "\"We will not leave our homes, we will stay here...\" one resident said.",
    "Related reports said the convoy was hit twice near the bridge.",
    "Photographs of the damage were shared by residents on social media.",
    "People gather every Friday in the square to demand the release of detainees, organisers said on March 3, 2021.",
    "Rebels killed 12 soldiers in an ambush on a convoy, May 4, 2021.",
    "The ceasefire, which came into force on Monday, was broken within hours. Photo agencies were barred from the area.",
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE_DROPPED)
def test_page_furniture_is_dropped_with_its_reason(line: str, reason: str) -> None:
    assert _reason(line) == reason


@pytest.mark.parametrize("line", FURNITURE_KEPT)
def test_prose_that_looks_like_furniture_is_kept(line: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY}", published=date(2021, 6, 1))
    assert line in cleaned.paragraphs


@pytest.mark.parametrize(("line", "published", "dropped"), [
    # a caption of an older picture: present tense, no telling, dated before publication
    ("Mourners gather outside the hospital in the town of Marib on March 2, 2021.", date(2021, 3, 9), True),
    ("A man walks past a burnt-out car in the old market on March 2, 2021.", date(2021, 3, 9), True),
    # the same day as the story, or no publication date to compare with: it may be the news
    ("Mourners gather outside the hospital in the town of Marib on March 2, 2021.", date(2021, 3, 2), False),
    ("Mourners gather outside the hospital in the town of Marib on March 2, 2021.", None, False),
    # told in the past or reported: news, whatever its date
    ("Police detained 20 protesters outside the hospital in Marib on March 2, 2021.", date(2021, 3, 9), False),
    ("Protesters gather in the square every week, the organisers said on March 2, 2021.", date(2021, 3, 9), False),
])
def test_caption_of_an_older_picture(line: str, published: date | None, dropped: bool) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY}", published=published)
    assert (line not in cleaned.paragraphs) is dropped
    assert BODY in cleaned.paragraphs


def test_truncated_preview_and_repeated_caption_are_dropped() -> None:
    caption = "Women queue for water at a camp for displaced families near the town of Bentiu, Unity State"
    text = (f"{BODY}\n\nWomen queue for water at a camp for displaced families near the town…\n{caption}\n\n"
            f"{caption}\n\nAid agencies said the camp had run out of food.")
    cleaned = clean_text(text)
    reasons = [(r.reason, r.text[:20]) for r in cleaned.removed]
    assert reasons == [("truncated-repeat", "Women queue for wate"), ("repeat", "Women queue for wate")]
    assert cleaned.paragraphs == [BODY, caption, "Aid agencies said the camp had run out of food."]


def test_a_lead_previewed_above_itself_keeps_one_copy_and_its_dateline() -> None:
    lead = "Gunmen attacked a police station in the north on Sunday, killing four officers, police said."
    text = (f"Posted May 2, 2021 10:05 am\n\nJUBA (AP) — {lead} Two more officers were wounded ...\n\n"
            f"JUBA (AP) — {lead}\n\nTwo more officers were wounded in the attack, a spokesman said.")
    cleaned = clean_text(text)
    assert cleaned.dateline is not None and cleaned.dateline.place == "JUBA"
    assert cleaned.paragraphs == [lead, "Two more officers were wounded in the attack, a spokesman said."]


def test_a_stamp_wrapped_with_the_agency_name_is_dropped_whole() -> None:
    cleaned = clean_text(f"{BODY}\n\nReuters\nFri, June 4, 2021 at 10:15 AM CDT\n\n{BODY}")
    assert cleaned.paragraphs == [BODY, BODY]
    assert [r.reason for r in cleaned.removed] == ["timestamp", "timestamp"]


def test_an_outlet_named_after_a_town_stays_beside_its_stamp() -> None:
    cleaned = clean_text(f"{BODY}\n\nExample Agencia de Noticias (Maputo)\n3 February 2020\n\n{BODY}")
    assert cleaned.paragraphs == [BODY, "Example Agencia de Noticias (Maputo)", BODY]
    assert [r.reason for r in cleaned.removed] == ["timestamp"]


def test_a_hard_wrapped_caption_is_dropped_whole() -> None:
    text = f"{BODY}\n\nSmoke rises over the port after an air\nstrike in Hodeidah, Yemen, May 3, 2021. REUTERS/Staff\n\n{BODY}"
    cleaned = clean_text(text)
    assert cleaned.paragraphs == [BODY, BODY]
    assert [r.reason for r in cleaned.removed] == ["caption", "caption"]


def test_the_comment_section_ends_the_article() -> None:
    text = (f"{BODY}\n\nTroops later withdrew from the area, a local official said.\n\nNo comments:\n\nPost a Comment\n\n"
            "Featured Post\n\nMinister visits flooded villages in the south\n\n"
            "The minister, who arrived by helicopter on Tuesday, promised that the government would rebui...\n\n"
            "Blog Widget by Example")
    cleaned = clean_text(text)
    assert cleaned.paragraphs == [BODY, "Troops later withdrew from the area, a local official said."]
    assert {r.reason for r in cleaned.removed} >= {"comments", "read-more", "teaser"}


def test_a_comment_counter_above_the_story_cuts_nothing() -> None:
    text = f"12 comments\n\n{BODY}\n\nTroops later withdrew from the area, a local official said."
    assert clean_text(text).paragraphs == [BODY, "Troops later withdrew from the area, a local official said."]


def test_bulleted_headlines_under_a_heading_are_dropped_but_bulleted_facts_stay() -> None:
    facts = "- 14 civilians were killed in the strike.\n- 20 more were wounded, three of them children."
    text = (f"{BODY}\n\n{facts}\n\nThe army denied it had targeted civilians.\n\nLatest updates\n"
            "• Floods sweep away bridge in northern province\n• Minister resigns over fuel crisis\n")
    cleaned = clean_text(text)
    assert cleaned.paragraphs == [BODY, " ".join(facts.split("\n")), "The army denied it had targeted civilians."]


def test_key_points_above_the_story_are_dropped() -> None:
    text = ("Drone strike hits wedding party in the north\n\n- The army has been fighting rebels in the region since 2021\n"
            "- Rights groups accuse both sides of abuses\n\nKANO (AP) — A drone strike killed six people at a wedding "
            "on Friday, officials said.\n\n- Four of the dead were children.\n- Two guests are missing.")
    cleaned = clean_text(text)
    assert [r.reason for r in cleaned.removed] == ["title", "highlights", "highlights", "dateline"]
    assert cleaned.paragraphs[-1] == "- Four of the dead were children. - Two guests are missing."


def test_a_list_of_other_stories_written_with_dashes_is_cut() -> None:
    text = (f"{BODY}\n\nThe army denied it had targeted civilians.\n-\nFloods sweep away bridge in northern province -\n"
            "Rains fell for a week before the river burst its banks. Africa -\nMinister resigns over fuel crisis -\n")
    cleaned = clean_text(text)
    assert cleaned.paragraphs == [BODY, "The army denied it had targeted civilians."]
    assert {r.reason for r in cleaned.removed} == {"headline-list"}


def test_furniture_word_lists_are_checked_on_load(tmp_path: Path) -> None:
    from warmonitor.ingest.furniture import load_furniture_words

    bad = tmp_path / "furniture.yaml"
    bad.write_text("stamp_words: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="stamp_words"):
        load_furniture_words(bad)


def test_reuters_wire_story_fixture() -> None:
    cleaned = clean_text((INGEST / "sanaa_reuters_2021-10-12.txt").read_text(encoding="utf-8"))
    assert cleaned.title == "Saudi-Led Coalition Strikes Houthi Positions Near Marib"
    assert cleaned.dateline == Dateline("SANAA", "Reuters", date_text="Oct 12", text="SANAA, Oct 12 (Reuters) -")
    reasons = [r.reason for r in cleaned.removed]
    assert reasons == ["title", "dateline", "caption", "read-more", "read-more", "byline", "paywall", "paywall", "paywall"]
    assert "subscribers on its online platforms" in cleaned.text
    assert "FILE PHOTO" not in cleaned.text and "Reporting by" not in cleaned.text
    assert cleaned.paragraphs[0].startswith("The Saudi-led coalition said on Tuesday")
    assert len(cleaned.paragraphs) == 3


def test_ap_wire_story_fixture() -> None:
    cleaned = clean_text((INGEST / "kharkiv_ap_2023-03-05.txt").read_text(encoding="utf-8"))
    assert cleaned.dateline == Dateline("KHARKIV", "AP", region="Ukraine", text="KHARKIV, Ukraine (AP) —")
    assert [r.reason for r in cleaned.removed] == [
        "title", "byline", "dateline", "caption", "advertisement", "share-buttons", "social", "copyright"]
    assert cleaned.paragraphs[0].startswith("Russian forces shelled residential districts of Kharkiv on Sunday")
    assert "an AP photographer saw residents" in cleaned.text
    assert "AP Photo" not in cleaned.text


def test_patterns_load_once_and_hold_rules() -> None:
    patterns = load_patterns()
    assert patterns is load_patterns()
    assert {"caption", "byline", "paywall", "copyright"} <= {rule.reason for rule in patterns.rules}


def test_analyst_can_add_a_phrase(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.yaml"
    path.write_text(BOILERPLATE_PATH.read_text(encoding="utf-8")
                    + "  - reason: paywall\n    whole: [\"unlock this story\"]\n", encoding="utf-8")
    text = f"{BODY}\n\nUnlock this story!\n"
    assert clean_text(text).paragraphs == [BODY, "Unlock this story!"]
    assert clean_text(text, patterns_path=path).removed == (RemovedLine("Unlock this story!", "paywall"),)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80), max_size=12))
def test_clean_text_only_keeps_words_of_the_input(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = clean_text(text)
    plain = re.sub("[\ufeff\u200b\u200c\u200d\u2060]", "", text)
    assert all(word in plain for word in cleaned.text.split())
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()


@pytest.mark.parametrize(("content", "message"), [
    ("title: {}\ndatelines: ['^(?P<place>X)(?P<rest>.*)$']\nrules:\n  - reason: caption\n    regex: ['(unclosed']\n", ":5: bad regular expression"),
    ("title: {}\ndatelines: ['^(?P<place>X)(?P<rest>.*)$']\nrules:\n  - reason: Caption\n    whole: [x]\n", ":4: 'reason'"),
    ("title: {}\ndatelines: ['^(?P<place>X)(?P<rest>.*)$']\nrules:\n  - reason: caption\n", ":4: rule 'caption' has none"),
    ("title: {}\ndatelines: ['^(?P<place>X)$']\nrules: []\n", ":2: dateline regex lacks"),
    ("title: {}\ndatelines: []\nrules:\n  - reason: caption\n    max_words: -3\n    whole: [x]\n", ":5: 'max_words'"),
    ("title: {}\ndatelines: []\nrules:\n  - reason: caption\n    phrases: [x]\n", ":4: unknown key"),
    ("rules: [\n", "not valid YAML"),
])
def test_malformed_pattern_file_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "boilerplate.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match="boilerplate.yaml") as info:
        load_patterns(path)
    assert message in str(info.value)


# --- readers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2020-02-06", date(2020, 2, 6)),
    ("2020-02-06T10:00:00Z", date(2020, 2, 6)),
    ("2020-02-06T23:30:00+05:00", date(2020, 2, 6)),
    ("2020-02-06 08:15:00", date(2020, 2, 6)),
    (date(2021, 5, 1), date(2021, 5, 1)),
    (None, None),
    ("", None),
])
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [20200206, ["2020-02-06"]])
def test_parse_published_rejects_non_strings(value: object) -> None:
    with pytest.raises(InputError, match="date string"):
        parse_published(value)


def test_directory_is_read_recursively_in_sorted_order() -> None:
    results = list(read_articles([INGEST / "batch"]))
    assert [r.id for r in results if isinstance(r, Article)] == ["b_avdiivka.txt", "a_odesa.txt"]
    assert len(results) == 2  # notes.md is not an article file


def test_text_file_keeps_text_intact_and_takes_the_headline() -> None:
    path = INGEST / "kharkiv_ap_2023-03-05.txt"
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.id == "kharkiv_ap_2023-03-05.txt"
    assert article.title == "Russian Shelling Kills Three in Kharkiv as Drones Hit Power Grid"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.published is None  # the date in the file name is not guessed
    assert article.outlet is None


def test_options_fill_what_a_text_file_does_not_say() -> None:
    (article,) = read_articles(
        [str(INGEST / "sanaa_reuters_2021-10-12.txt")],
        published="2021-10-12", outlet="Reuters", url="https://example.org/sanaa", title="Given title",
    )
    assert isinstance(article, Article)
    assert (article.published, article.outlet, article.url, article.title) == (
        date(2021, 10, 12), "Reuters", "https://example.org/sanaa", "Given title")


def test_html_page_gives_text_and_metadata() -> None:
    (article,) = read_articles([INGEST / "page_khartoum.html"], published="2000-01-01", outlet="Other")
    assert isinstance(article, Article)
    assert article.title == "Clashes erupt in Khartoum as truce collapses"
    assert article.published == date(2023, 4, 16)  # the page's metadata wins over the option
    assert article.outlet == "Example Wire"
    assert article.url == "https://wire.example.org/world/khartoum-clashes"
    assert "Heavy fighting broke out in central Khartoum" in article.text
    assert "The RSF said it had taken control" in article.text
    for junk in ("Getty Images", "Subscribe now", "Sign up for our newsletter", "All rights reserved"):
        assert junk not in article.text
    cleaned = clean_text(article.text, title=article.title)
    assert cleaned.dateline is not None and cleaned.dateline.place == "KHARTOUM"
    assert cleaned.paragraphs[0].startswith("Heavy fighting broke out")


def test_html_without_date_metadata_has_no_date() -> None:
    html = ("<html><head><title>Clashes near Goma</title></head><body><article><p>Rebels and the army "
            "clashed near Goma on Saturday, forcing thousands of residents to flee their homes, local officials "
            "said.</p><p>The fighting stopped by nightfall, a resident told reporters.</p></article></body></html>")
    article = article_from_html(html, id="goma.html")
    assert article.published is None
    assert "Rebels and the army clashed near Goma" in article.text
    assert article_from_html(html, id="goma.html", published="2024-02-10").published == date(2024, 2, 10)


def test_jsonl_rows_and_failures() -> None:
    results = list(read_articles([INGEST / "batch.jsonl"], published="2022-01-01", outlet="Feed"))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [a.id for a in articles] == ["mali-001", "mali-002", "gao-html"]
    first, second, page = articles
    assert (first.published, first.outlet, first.title) == (date(2022, 8, 9), "AP", "Gunmen attack army camp in central Mali")
    assert (second.published, second.outlet, second.title) == (date(2022, 8, 10), "Feed", None)
    assert (page.published, page.title, page.outlet) == (date(2022, 8, 12), "Car bomb hits UN base in Gao", "Feed")
    assert "suicide car bomb exploded" in page.text
    assert [(f.line, f.reason.split(":")[0]) for f in failures] == [
        (3, "malformed JSON"), (4, "the row has neither 'text' nor 'html'")]
    assert all(f.source.endswith("batch.jsonl") and f.raw for f in failures)


@pytest.mark.parametrize(("line", "reason"), [
    ('[1, 2]', "a line must hold a JSON object"),
    ('{"id": "x", "text": 5}', "field 'text' must be a string"),
    ('{"id": "x", "text": "Rebels shelled the town.", "published": "January 6, 3000"}', "cannot be a publication date"),
    ('{"id": "x", "text": "   "}', "neither 'text' nor 'html'"),
])
def test_bad_jsonl_rows(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(line + '\n{"text": "Troops entered the village on Monday."}\n', encoding="utf-8")
    failure, article = list(read_articles([path]))
    assert isinstance(failure, ReadFailure) and failure.line == 1 and reason in failure.reason
    assert isinstance(article, Article) and article.id == "rows.jsonl:2"


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("nothing.html", b"<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>", "no main text"),
    ("table.csv", b"a,b\n1,2\n", "unsupported file type .csv"),
])
def test_unreadable_file_is_a_failure(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (failure,) = read_articles([path])
    assert isinstance(failure, ReadFailure)
    assert reason in failure.reason and failure.line is None and failure.source == str(path)


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    (failure,) = read_articles([tmp_path / "gone.txt"])
    assert failure == ReadFailure(str(tmp_path / "gone.txt"), None, "no such file or directory")
    assert hash(failure)  # frozen: a caller can store it


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Rebels \u201cretook\u201d the town \u2014 officials said.\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="warmonitor.ingest"):
        (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.text.startswith("Rebels \u201cretook\u201d the town \u2014")
    assert "cp1252" in caplog.text


def test_bom_and_crlf_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTroops enter Saraqeb\r\n\r\nTroops entered Saraqeb on Thursday.\r\n".encode("utf-8"))
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.text == "Troops enter Saraqeb\n\nTroops entered Saraqeb on Thursday.\n"
    assert article.title == "Troops enter Saraqeb"


def test_article_from_text_rejects_blank_text() -> None:
    with pytest.raises(InputError):
        article_from_text(" \n ", id="blank")


# Article body only (issue 13): the site's lists of other headlines, "related", "most read" and
# "follow us" blocks after the article never reach the coder, in text and in HTML.
TEXT_WITH_LISTS = """Gunmen kill 12 in central Mali

Gunmen killed 12 civilians in an attack on a village in central Mali on Sunday, officials said.
The attackers also burned granaries, one official said.

Most read
Israel strikes Damascus airport again
Turkey shells Kurdish positions near Kobani
Follow us on Twitter
"""


def test_trailing_headline_list_is_cut_from_text() -> None:
    cleaned = clean_text(TEXT_WITH_LISTS)
    assert cleaned.text.endswith("burned granaries, one official said.")
    assert "Damascus" not in cleaned.text and "Kobani" not in cleaned.text
    reasons = {line.text: line.reason for line in cleaned.removed}
    assert reasons["Most read"] == "read-more" and reasons["Follow us on Twitter"] == "social"


def test_trailing_headlines_without_a_heading_are_cut() -> None:
    text = "Rebels shelled the town on Monday, killing three people.\n\nJihadists kill soldiers in ambush\nJunta expels French ambassador\n"
    cleaned = clean_text(text)
    assert cleaned.text == "Rebels shelled the town on Monday, killing three people."
    assert [line.reason for line in cleaned.removed] == ["headline-list", "headline-list"]


@pytest.mark.parametrize("text", ["Gunmen kill 10 in Kaduna attack",
                                  "Air strikes kill nine in Idlib\n\nAir strikes killed nine people in Idlib"])
def test_a_headline_only_text_keeps_its_headlines(text: str) -> None:
    assert "kill" in clean_text(text).text


def test_headline_lists_are_cut_from_an_html_page() -> None:

    article = article_from_html((INGEST / "page_with_lists.html").read_text(encoding="utf-8"), id="page")
    cleaned = clean_text(article.text, title=article.title)
    assert cleaned.text.endswith("insurgency since 2012.")
    for words in ("Related stories", "French ambassador", "Most read", "Damascus", "Follow us"):
        assert words not in cleaned.text


# The language check never refuses English: candidates restricted to the languages that
# matter (ingest/data/languages.txt), a wide margin on short texts; a refusal carries its reason.
@pytest.mark.parametrize("text", [
    "Gunmen kill 10 in Kaduna attack as residents flee their homes",
    "Boko Haram fighters kill 5 farmers in Borno village, residents say",
    "Suspected herders kill 12 in Benue community attack",
    "Bandits abduct 20 worshippers in Zamfara mosque raid",
])
def test_language_check_never_refuses_short_english(text: str) -> None:
    from warmonitor.ingest.language import check_language

    check_language(text, article_id="x", languages=("en",), min_confidence=0.5)


def test_language_check_refuses_foreign_text_with_its_reason() -> None:
    from warmonitor.ingest.language import ForeignLanguageError, check_language

    with pytest.raises(ForeignLanguageError) as info:
        check_language("Les forces syriennes ont bombardé la ville de Saraqeb mercredi, tuant neuf civils, "
                       "selon l'Observatoire syrien des droits de l'homme.", article_id="fr-1",
                       languages=("en",), min_confidence=0.5)
    assert info.value.language == "fr" and "fr-1" in str(info.value) and "WARMONITOR_LANGUAGES" in str(info.value)


def test_detector_answers_only_candidate_languages() -> None:
    from warmonitor.ingest.language import candidate_languages, detect_language

    assert "en" in candidate_languages() and "pcm" not in candidate_languages()
    guess = detect_language("Dem don kill five people for Borno village, na so di police talk am")
    assert guess is None or guess.language in candidate_languages()


def test_english_with_many_foreign_names_is_not_refused() -> None:
    from warmonitor.ingest.language import check_language

    check_language("Name Nedhal Abdulrahman Al-Masri. Name Nawaf Mahmoud Al-Zeidan. Name Ahmad Jumaa Al-Hamadi. "
                   "Syrian regime commits massacre during monitor visit, NGO says. Attack kills 21, rebels say. "
                   "Name Khaled Abdulkarim Al-Ahmad. Name Mohammad Abdulhadi Al-Mustafa.", article_id="x",
                   languages=("en",), min_confidence=0.5)

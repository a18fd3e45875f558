"""Number phrases and the counts of dead, injured, arrested and size in a sentence."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import warmonitor.lexicon_data as lexicon_data
from warmonitor.errors import DataFileError
from warmonitor.nlp.numbers import parse_number
from warmonitor.counts.quantities import Quantities, find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8", 8), ("1,200", 1200), ("12,500,000", 12500000), ("1.2 million", 1200000),
        ("3m", 3000000), ("3 million", 3000000), ("2.5bn", 2500000000), ("eight", 8),
        ("Twenty-one", 21), ("a hundred", 100), ("two hundred and five", 205),
        ("one million", 1000000), ("nearly one million", 1000000), ("a dozen", 12),
        ("two dozen", 24), ("dozens", 24), ("scores", 40), ("hundreds", 200),
        ("thousands", 2000), ("tens of thousands", 20000), ("several", 3), ("a few", 3),
        ("at least 12", 12), ("more than 20", 20), ("some 30", 30), ("about 1,500", 1500),
        ("an estimated 4,000", 4000), ("up to 600", 600), ("dozens of", 24),
        ("1e308", None), ("999999999999999999999", None), ("some", None), ("a", None),
        ("", None), ("the army", None), ("twelve apples", None), ("nan", None), ("-5", None),
    ],
)
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


@given(st.text(max_size=120))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or 0 <= value <= 10_000_000_000


@given(st.lists(st.sampled_from(["a", "one", "hundred", "million", "billion", "and", "dozen",
                                 "at least", "1,000", "999", "thousand", "-", "of", "tens"]),
                max_size=20))
def test_parse_number_on_number_word_soup(words: list[str]) -> None:
    value = parse_number(" ".join(words))
    assert value is None or 0 <= value <= 10_000_000_000


QUANTITY_CASES = [
    ("Rebels killed eight Turkish military personnel near the border.", (8, None, None, None)),
    ("Eight soldiers were killed in the ambush.", (8, None, None, None)),
    # "shot dead" counts its victims wherever the parser hangs "dead"
    ("A gunman shot dead two farmers near the river.", (2, None, None, None)),
    # a relative clause tells what the count counts
    ("Dozens were hurt, including seven who died when the convoy was ambushed.", (7, None, None, None)),
    ("At least 12 people died when the bridge was shelled.", (12, None, None, None)),
    ("The death toll rose to 40 on Friday.", (40, None, None, None)),
    ("The number of people wounded in the blast has risen to 40, officials said.", (None, 40, None, None)),
    ("The number of people killed in Friday's raids rose to 23.", (23, None, None, None)),
    ("The clashes left 12 dead and 30 wounded.", (12, 30, None, None)),
    # a casualty noun's "of" phrase counts its victims
    ("The clashes resulted in the killing of 14 militants and 3 soldiers.", (17, None, None, None)),
    ("The deaths of three children were confirmed by the hospital.", (3, None, None, None)),
    ("The arrest of 20 protesters angered the opposition.", (None, None, 20, None)),
    # a note's label and its figure
    ("Fatalities: 12.", (12, None, None, None)),
    ("Injuries: 4.", (None, 4, None, None)),
    ("Gunmen opened fire on the crowd, wounding dozens.", (None, None, None, None)),  # vague: unknown, not 24
    ("Police arrested 15 protesters outside parliament.", (None, None, 15, None)),
    ("Security forces detained dozens of students.", (None, None, 24, None)),
    ("Thousands of protesters filled the square.", (None, None, None, 2000)),
    ("A crowd of 5,000 gathered outside the ministry.", (None, None, None, 5000)),
    ("Some 300 troops crossed the border.", (None, None, None, 300)),
    ("The fighting has displaced nearly one million people.", (None, None, None, None)),
    ("The army said some of its troops had been killed.", (None, None, None, None)),
    ("No one was killed in the attack.", (None, None, None, None)),
    ("Police said no-one was injured.", (None, None, None, None)),
    ("A 34-year-old man was shot dead around 5 p.m. on Wednesday.", (None, None, None, None)),
    ("Prisoners were moved to the No. 2 Detention Centre.", (None, None, None, None)),
    ("A 5,000-strong force crossed the river.", (None, None, None, 5000)),
    ("The air strike killed 14 civilians and injured 22 others.", (14, 22, None, None)),
    ("Two policemen were wounded and three were killed.", (3, 2, None, None)),
    ("The blast killed twenty-one people, including six children.", (21, None, None, None)),
    ("More than 200 people have been arrested since the unrest began.", (None, None, 200, None)),
    ("Militants killed a dozen villagers on Jan. 12.", (12, None, None, None)),
    ("Hundreds of demonstrators marched through the city.", (None, None, None, 200)),
    ("Five people were killed and 17 injured in the explosion.", (5, 17, None, None)),
    ("The bombing killed at least 35 people, officials said.", (35, None, None, None)),
    ("Three gunmen killed two guards at the checkpoint.", (2, None, None, None)),
    ("An estimated 4,000 fighters joined the offensive.", (None, None, None, 4000)),
    ("Officials said 18 bodies were recovered from the rubble.", (18, None, None, None)),
    ("Shelling on Monday killed 9 and wounded 13.", (9, 13, None, None)),
    ("The attack on 12 January killed four soldiers.", (4, None, None, None)),
    # a passive's conjoined death verb shares its subject
    ("Two policemen were shot and killed near the bank.", (2, None, None, None)),
    ("Three traders were beaten and wounded at the market.", (None, 3, None, None)),
    # "to death": the act killed
    ("Two traders were beaten to death in the market.", (2, None, None, None)),
    # a running total in a clause beside the event is not the event's toll
    ("Students marched on Friday against the unrest that has claimed 40 lives since May.", (None, None, None, None)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), QUANTITY_CASES)
def test_find_quantities(nlp, text: str, expected: tuple) -> None:
    found = find_quantities(nlp(text)[:])
    assert (found.dead, found.injured, found.arrested, found.size) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("The army said some of its troops had been killed.", True),
        ("Several fighters died in the clashes.", True),
        ("No one was killed in the attack.", False),
        ("There were no deaths reported.", False),
        ("Protesters blocked the road.", False),
    ],
)
def test_fatalities_mentioned(nlp, text: str, mentioned: bool) -> None:
    assert find_quantities(nlp(text)[:]).fatalities_mentioned is mentioned


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger_word", "expected"),
    [
        ("The fighting has displaced nearly one million people.", "displaced",
         Quantities(size=1000000)),
        ("The fighting has displaced nearly one million people.", "fighting", Quantities()),
        ("Thousands of people protested in the capital on Friday.", "protested",
         Quantities(size=2000)),
        ("Thousands of people protested in the capital on Friday.", None, Quantities()),
        # the killing has a doer of its own: its toll is the rebels' act's, not the deployment's
        ("The army deployed 500 soldiers after rebels killed 3 police officers.", "deployed",
         Quantities(size=500)),
    ],
)
def test_trigger_decides_size(nlp, text: str, trigger_word: str | None,
                              expected: Quantities) -> None:
    doc = nlp(text)
    trigger = None
    if trigger_word:
        index = next(t.i for t in doc if t.text == trigger_word)
        trigger = doc[index:index + 1]
    found = find_quantities(doc[:], trigger=trigger)
    assert (found.dead, found.injured, found.arrested, found.size) == (
        expected.dead, expected.injured, expected.arrested, expected.size)


@pytest.mark.model
def test_trigger_prefers_its_own_number(nlp) -> None:
    doc = nlp("Jets killed 7 fighters on Monday, a day after a bombing killed 30 people.")
    later = next(t.i for t in doc if t.text == "killed" and t.i > 5)
    assert find_quantities(doc[:], trigger=doc[later:later + 1]).dead == 30
    assert find_quantities(doc[:], trigger=doc[1:2]).dead == 7


def test_malformed_word_list_names_file_and_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numbers.tsv").write_text("# comment\none\t1\tunit\ntwo\t2\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_data, "DATA_DIR", tmp_path)
    lexicon_data.read_table.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"numbers\.tsv:3"):
            lexicon_data.read_table("numbers.tsv", 3)
    finally:
        lexicon_data.read_table.cache_clear()


def test_bad_value_in_word_list_names_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numbers.tsv").write_text("one\tuno\tunit\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_data, "DATA_DIR", tmp_path)
    lexicon_data.read_table.cache_clear()
    try:
        row = lexicon_data.read_table("numbers.tsv", 3)[0]
        with pytest.raises(DataFileError, match=r"numbers\.tsv:1.*not an integer"):
            lexicon_data.int_cell("numbers.tsv", row, 1)
    finally:
        lexicon_data.read_table.cache_clear()

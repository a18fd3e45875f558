"""Event nouns and headline fragments as triggers, and the generated CAMEO lexicon behind
lexicon.yaml: invented sentences, a converted toy dictionary."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from warmonitor.events import EventLexicon, find_event_mentions
from warmonitor.events.lexicon import DATA_DIR

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "convert_petrarch.py"

# (text, category, actor words or None, recipient words or None)
NOUN_EVENTS = [
    ("Clashes broke out between the army and militants near the airport.", "ASSAULT", "army", "militants"),
    ("Heavy exchanges of fire near the airport.", "ASSAULT", None, None),
    ("Protests in the capital over fuel prices.", "PROTEST", None, None),
    ("Renewed fighting in the eastern districts of the city.", "ASSAULT", None, None),
    ("Seven people were killed in clashes near the border.", "ASSAULT", None, None),
    ("The village witnessed heavy shelling overnight.", "ASSAULT", None, "village"),
    ("Fierce fighting erupted between rebels and soldiers in the hills.", "ASSAULT", "rebels", "soldiers"),
    ("Border guards report clashes with smugglers near the river crossing.", "ASSAULT", None, "smugglers"),
]


def _mentions(nlp, text: str):
    return [m for m in find_event_mentions(nlp(text)) if m.asserted]


def _holds(spans, words: str | None) -> bool:
    return words is None or any(words in span.text for span in spans)


@pytest.mark.model
@pytest.mark.parametrize(("text", "category", "actor", "recipient"), NOUN_EVENTS)
def test_event_noun_is_a_trigger(nlp, text, category, actor, recipient) -> None:
    mentions = _mentions(nlp, text)
    # (the parser may read a gerund as a verb: "witnessed shelling"; no doer is named then)
    found = [m for m in mentions if m.category == category and (m.nominal or not m.actor)
             and _holds(m.actor, actor) and _holds(m.recipient, recipient)]
    assert found, " | ".join(m.describe() for m in mentions)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The fighting disrupted a fragile cooperation between the two countries.",  # told before
    "The war in the region has lasted a decade.",  # background, a generated noun
])
def test_background_nouns_are_no_events(nlp, text) -> None:
    assert not [m for m in _mentions(nlp, text) if m.category == "ASSAULT"]


@pytest.mark.model
@pytest.mark.parametrize(("text", "victims"), [
    ("Nine policemen were killed in the fighting near the dam.", "policemen"),
    ("The ministry said some of its soldiers had been killed in the attacks.", "soldiers"),
])
def test_an_event_noun_after_a_casualty_verb_takes_its_victims(nlp, text, victims) -> None:
    """So that the noun's record and the verb's are one event with the same recipient."""
    nouns = [m for m in _mentions(nlp, text) if m.nominal and m.category == "ASSAULT"]
    assert nouns and _holds(nouns[0].recipient, victims), [m.describe() for m in nouns]


@pytest.mark.model
@pytest.mark.parametrize(("text", "found"), [
    ("Casualty in Shelling on Army Positions in Daraa City", True),  # headlinese the parse cannot read
    ("Rebels Detonates Booby Trapped Cars in the Countryside and shelling continue at villages", True),
    ("No clashes in Daraa city today", False),
    ("Army plans an offensive on Daraa", False),
    ("Hostilities end in Daraa after the truce", False),
])
def test_a_short_text_without_a_readable_clause_stands_for_its_event_noun(nlp, text, found) -> None:
    violent = [m for m in _mentions(nlp, text) if m.category == "ASSAULT"]
    assert bool(violent) == found, [m.describe() for m in violent]


@pytest.mark.model
def test_a_long_text_gets_no_event_from_a_bare_noun(nlp) -> None:
    text = "The minister recalled the shelling of the city. " + "He spoke about trade and the budget for hours. " * 8
    assert not [m for m in _mentions(nlp, text) if m.category == "ASSAULT"]


@pytest.mark.model
def test_two_sided_verb_splits_its_conjoined_subject(nlp) -> None:
    clash = next(m for m in _mentions(nlp, "Police and protesters clashed in the city centre.")
                 if m.category == "ASSAULT")
    assert [s.text for s in clash.actor] == ["Police"] and [s.text for s in clash.recipient] == ["protesters"]


@pytest.mark.model
def test_generated_verb_codes_what_lexicon_yaml_lacks(nlp) -> None:
    lexicon = EventLexicon.load()
    assert all(not t.sense.generated for t in lexicon.verbs["arrest"])  # lexicon.yaml wins
    strangle = lexicon.verbs["strangle"][0].sense
    assert strangle.generated and strangle.category == "ASSAULT"
    mentions = _mentions(nlp, "Militants strangled a shopkeeper in the market.")
    assert any(m.category == "ASSAULT" for m in mentions), [m.describe() for m in mentions]


def test_generated_lexicon_covers_every_plover_category() -> None:
    lexicon = EventLexicon.load(Path(str(DATA_DIR)))  # a folder string not yet cached (bench_speed times loads)
    generated = {t.sense.category for triggers in lexicon.verbs.values() for t in triggers if t.sense.generated}
    assert len(generated) == 16, sorted(generated)
    assert (DATA_DIR / "CAMEO_LEXICON_NOTICE.txt").read_text(encoding="utf-8").count("MIT License") >= 1


def test_structural_words_never_become_generated_triggers() -> None:
    lexicon = EventLexicon.load()
    for word in ("come", "manage", "risk", "say"):
        assert not any(t.sense.generated for t in lexicon.verbs.get(word, [])), word


TOY_CAMEO = """\
&WEAPON
+ROCKET
+MORTAR

####### VERB PATTERNS #######
---  BLAST   [190]  ---
BLAST
PUMMEL
- * &WEAPON                                            [194]         # BLAST
- * DEMONSTRATOR                                       [175]         # PUMMEL

---  STAGE   [---]  ---
STAGE
- * SIT-IN                                             [141]         # STAGE
- * WALKOUT                                            [---]         # STAGE
"""
TOY_PLOVER = """\
141: PROTEST, demo,    # Demonstrate or rally
175: ASSAULT, pro_autocracy , military # Use violent repression
190: ASSAULT, , military # Use conventional military force
194: ASSAULT, heavy-weapons, military # Fight with artillery and tanks
"""


def _converter():
    spec = importlib.util.spec_from_file_location("convert_petrarch", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_converter_maps_cameo_patterns_through_the_plover_table(tmp_path) -> None:
    (tmp_path / "CAMEO.2.0.txt").write_text(TOY_CAMEO, encoding="latin-1")
    (tmp_path / "table.txt").write_text(TOY_PLOVER, encoding="utf-8")
    data = _converter().build(tmp_path, tmp_path / "table.txt")
    verbs, nouns = data["verbs"], data["nouns"]
    assert verbs["blast"] == ["190", "ASSAULT", None, ["military"]]  # the block's own verb
    assert "pummel" not in verbs  # a synonym inheriting the block's code is too loose
    assert verbs["blast rocket"][:3] == ["194", "ASSAULT", "heavy-weapons"]  # synonym set expanded
    assert verbs["pummel demonstrator"][0] == "175"  # a pattern holds for the verb it names
    assert nouns == {"sit-in": ["141", "PROTEST", "demo", []]}  # the object of a light verb
    assert "stage walkout" not in verbs  # [---]: no event

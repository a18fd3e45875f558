"""Event stage: trigger coding, arguments and modality on invented sentences; lexicon validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from warmonitor.errors import DataFileError
from warmonitor.events import EventLexicon, EventTagger, find_event_mentions
from warmonitor.events.lexicon import DATA_DIR

# (sentence, category, mode or None for "any", actor words or None, recipient words or None, modality)
CODED = [
    ("Dock workers struck for higher pay in Lagos on Monday.", "PROTEST", "strike", "Dock workers", None, "asserted"),
    # AGREE
    ("Armenia and Azerbaijan agreed on Tuesday to reopen the border crossing.", "AGREE", None, "Armenia", None, "asserted"),
    ("The rebel council offered to release the captured engineers.", "AGREE", None, "The rebel council", None, "asserted"),
    ("Norway will provide 200 tonnes of food aid to flood victims in Malawi.", "AGREE", None, "Norway", None, "asserted"),
    ("The finance ministers will meet in Lusaka next week, officials said.", "AGREE", None, "The finance ministers", None, "asserted"),
    ("Chad and Niger reached an agreement on border patrols on Sunday.", "AGREE", None, "Chad", None, "asserted"),
    # CONSULT
    ("The Kenyan president met with Somali elders in Mogadishu on Friday.", "CONSULT", None, "The Kenyan president", "Somali elders", "asserted"),
    ("The Japanese foreign minister visited Hanoi on Monday.", "CONSULT", "visit", "The Japanese foreign minister", "Hanoi", "asserted"),
    ("Brazil's president telephoned his Argentine counterpart on Sunday.", "CONSULT", "phone", "Brazil's president", "his Argentine counterpart", "asserted"),
    ("Ghana hosted the Ivorian prime minister for two days of talks.", "CONSULT", "visit", "Ghana", "the Ivorian prime minister", "asserted"),
    ("Delegations from both parties held talks in Geneva on Wednesday.", "CONSULT", None, "Delegations", None, "asserted"),
    # SUPPORT
    ("The Canadian prime minister praised Ghana's handling of the election.", "SUPPORT", None, "The Canadian prime minister", "Ghana", "asserted"),
    ("Peru and Chile signed a fisheries treaty on Thursday.", "SUPPORT", None, "Peru", None, "asserted"),
    ("The African Union welcomed the release of the detained journalists.", "SUPPORT", None, "The African Union", None, "asserted"),
    ("Portugal and Angola restored diplomatic ties after a five-year break.", "SUPPORT", None, "Portugal", None, "asserted"),
    # CONCEDE
    ("The junta lifted the nationwide curfew on Saturday.", "CONCEDE", None, "The junta", None, "asserted"),
    ("The teachers' union called off its planned strike after talks with the ministry.", "CONCEDE", None, "The teachers' union", None, "asserted"),
    ("The governor eased restrictions on public gatherings in the capital.", "CONCEDE", None, "The governor", None, "asserted"),
    ("The president pardoned forty political prisoners on Independence Day.", "CONCEDE", None, "The president", "forty political prisoners", "asserted"),
    # COOPERATE
    ("Colombia extradited a suspected drug lord to the United States on Friday.", "COOPERATE", None, "Colombia", None, "asserted"),
    ("Indian and French warships conducted joint exercises in the Arabian Sea.", "COOPERATE", None, "Indian and French warships", None, "asserted"),
    ("Police forces of the two countries shared intelligence on the smuggling ring.", "COOPERATE", None, "Police forces", None, "asserted"),
    # AID
    ("Japan donated 5 million dollars to the relief effort in Nepal.", "AID", None, "Japan", None, "asserted"),
    ("The Red Cross delivered aid to displaced families near Goma.", "AID", None, "The Red Cross", "displaced families", "asserted"),
    ("Ecuador granted asylum to the former minister on Tuesday.", "AID", None, "Ecuador", "the former minister", "asserted"),
    # RETREAT
    ("Rebel fighters withdrew from the town of Kidal overnight.", "RETREAT", "withdraw", "Rebel fighters", None, "asserted"),
    ("The militia released twelve hostages on Sunday.", "RETREAT", "release", "The militia", "twelve hostages", "asserted"),
    ("The interior minister resigned after the prison escape.", "RETREAT", "resign", "The interior minister", None, "asserted"),
    ("About 300 fighters surrendered to the army in the north.", "RETREAT", "disarm", "About 300 fighters", None, "asserted"),
    ("The army announced it would withdraw its troops from the border zone.", "CONCEDE", None, "The army", None, "asserted"),
    # REQUEST
    ("The opposition demanded that the president resign.", "REQUEST", None, "The opposition", "the president", "asserted"),
    ("The UN envoy urged both sides to observe the truce.", "REQUEST", None, "The UN envoy", "both sides", "asserted"),
    ("The bishops called on the government to free the detained priests.", "REQUEST", None, "The bishops", "the government", "asserted"),
    ("Egypt called for an immediate ceasefire in the region.", "REQUEST", None, "Egypt", None, "asserted"),
    ("Kenya said Uganda must return the seized fishing boats.", "REQUEST", None, "Kenya", "Uganda", "asserted"),
    ("Madrid expected Rabat to stop the crossings at once.", "REQUEST", None, "Madrid", "Rabat", "asserted"),
    # ACCUSE
    ("The foreign ministry condemned the raid on the embassy.", "ACCUSE", "disapprove", "The foreign ministry", None, "asserted"),
    ("Ethiopia accused Sudan of arming the rebels.", "ACCUSE", "allege", "Ethiopia", "Sudan", "asserted"),
    ("The activists blamed the police for the deaths.", "ACCUSE", "allege", "The activists", "the police", "asserted"),
    ("Prosecutors launched an investigation into the killings in the port city.", "ACCUSE", "investigate", "Prosecutors", None, "asserted"),
    ("The interior ministry said armed gangs attacked two police posts.", "ACCUSE", "allege", "The interior ministry", "armed gangs", "asserted"),
    # REJECT
    ("The rebels rejected the government's peace proposal.", "REJECT", None, "The rebels", None, "asserted"),
    ("Serbia refused to extradite the former commander.", "REJECT", None, "Serbia", None, "asserted"),
    ("Russia vetoed the draft resolution on Thursday.", "REJECT", None, "Russia", "the draft resolution", "asserted"),
    ("The ministry denied that soldiers had fired on the crowd.", "REJECT", None, "The ministry", None, "asserted"),
    ("Hungary said it will not accept more asylum seekers.", "REJECT", None, "Hungary", None, "asserted"),
    # THREATEN
    ("The militia threatened to attack the oil fields.", "THREATEN", None, "The militia", None, "asserted"),
    ("The general warned that his troops would retaliate.", "THREATEN", None, "The general", None, "asserted"),
    ("Iran said it would retaliate against any strike.", "THREATEN", "violence", "Iran", None, "asserted"),
    ("The union said it will strike unless wages are raised.", "THREATEN", None, "The union", None, "asserted"),
    # PROTEST
    ("Thousands of students demonstrated in Dhaka on Monday.", "PROTEST", "demo", "Thousands of students", None, "asserted"),
    ("Prisoners rioted at the central jail, burning mattresses.", "PROTEST", "riot", "Prisoners", None, "asserted"),
    ("Dock workers went on strike over unpaid wages.", "PROTEST", "strike", "Dock workers", None, "asserted"),
    ("Farmers blocked the main highway with tractors.", "PROTEST", "obstruct", "Farmers", "the main highway", "asserted"),
    ("Truckers blocked the entrance to the port on Monday.", "PROTEST", "obstruct", "Truckers", None, "asserted"),
    ("Hundreds of doctors staged a protest outside parliament.", "PROTEST", "demo", "Hundreds of doctors", None, "asserted"),
    # SANCTION
    ("The European Union imposed sanctions on three generals.", "SANCTION", "discontinue", "The European Union", "three generals", "asserted"),
    ("Morocco cut ties with Iran on Tuesday.", "SANCTION", "discontinue", "Morocco", None, "asserted"),
    ("The court convicted the former mayor of fraud.", "SANCTION", "convict", "The court", "the former mayor", "asserted"),
    ("Lithuania expelled two Russian diplomats on Friday.", "SANCTION", "expel", "Lithuania", "two Russian diplomats", "asserted"),
    ("The regime deported the Dutch reporter on Monday.", "COERCE", "deport", "The regime", "the Dutch reporter", "asserted"),
    # MOBILIZE
    ("Pakistan deployed troops along the border on Sunday.", "MOBILIZE", "troops", "Pakistan", None, "asserted"),
    ("The defence ministry put its troops on alert near the border.", "MOBILIZE", "troops", "The defence ministry", None, "asserted"),
    ("The government mobilized army reservists ahead of the vote.", "MOBILIZE", "troops", "The government", None, "asserted"),
    # COERCE
    ("Police arrested 40 protesters in the capital.", "COERCE", "arrest", "Police", "40 protesters", "asserted"),
    ("Soldiers confiscated weapons from the villagers.", "COERCE", "seize", "Soldiers", "weapons", "asserted"),
    ("The authorities imposed a curfew on the city after the riots.", "COERCE", "curfew", "The authorities", None, "asserted"),
    ("The regime banned the main opposition party.", "COERCE", "restrict", "The regime", "the main opposition party", "asserted"),
    ("Security forces detained the journalist at the airport.", "COERCE", "arrest", "Security forces", "the journalist", "asserted"),
    # ASSAULT
    ("Government troops clashed with rebels near Beni.", "ASSAULT", "firearms", "Government troops", None, "asserted"),
    ("Russian warplanes bombed a market in Aleppo.", "ASSAULT", "aerial", "Russian warplanes", "a market", "asserted"),
    ("Insurgents shelled the airport on Tuesday.", "ASSAULT", "heavy-weapons", "Insurgents", "the airport", "asserted"),
    ("Gunmen kidnapped six aid workers in the north.", "ASSAULT", "abduct", "Gunmen", "six aid workers", "asserted"),
    ("Five soldiers were killed by militants in an ambush.", "ASSAULT", None, "militants", "Five soldiers", "asserted"),
    ("Israeli airstrikes hit a house in Gaza, killing three people.", "ASSAULT", "aerial", "Israeli", "a house", "asserted"),
    ("The convoy came under rocket fire from militia positions.", "ASSAULT", "heavy-weapons", "militia positions", "The convoy", "asserted"),
    ("Rebels launched an attack on the army base at dawn.", "ASSAULT", None, "Rebels", "the army base", "asserted"),
    ("Two civilians were killed in a Saudi airstrike on the port.", "ASSAULT", "aerial", "Saudi", None, "asserted"),
    ("A suicide bombing at the checkpoint killed nine soldiers.", "ASSAULT", "suicide-attack", None, "nine soldiers", "asserted"),
    ("Army units recaptured the town from the insurgents.", "ASSAULT", None, "Army units", "the town", "asserted"),
    ("The strikes, which killed four guards, prompted the army to strike back.", "ASSAULT", None, "the army", None, "asserted"),
    ("Government forces fought rebels and weathered Turkish mortar fire on Friday.", "ASSAULT", "heavy-weapons", "Turkish", "Government forces", "asserted"),
    ("Militiamen attacked the camp, which sheltered refugees.", "ASSAULT", None, "Militiamen", "the camp", "asserted"),
    ("The army's advance, backed by Russian airstrikes, reached the outskirts.", "ASSAULT", "aerial", "Russian", None, "asserted"),
    ("Police fired tear gas at students in the capital.", "ASSAULT", "crowd-control", "Police", "students", "asserted"),
    ("The government denied that its jets had bombed the clinic.", "REJECT", None, "The government", None, "asserted"),
    # a weapon fired is the means, the one it is fired at the recipient (CAMEO "FIRE * &WEAPON")
    ("Police fired rubber bullets at the crowd in Lagos.", "ASSAULT", "firearms", "Police", "the crowd", "asserted"),
    ("Guards were firing pistols near the gate of the prison.", "ASSAULT", "firearms", "Guards", None, "asserted"),
    # a verb of seeing: what the seen did ("were seen firing", "video showed X, ..., firing")
    ("Soldiers were seen firing rifles at protesters in Mandalay on Sunday.", "ASSAULT", None, "Soldiers", "protesters", "asserted"),
    ("A video showed two policemen, both in riot gear, kicking and beating a student.", "ASSAULT", None, "two policemen", None, "asserted"),
    ("Footage filmed by residents showed militiamen firing at a bus.", "ASSAULT", None, "militiamen", "a bus", "asserted"),
    # CAMEO files CAPTURE under ARREST: people captured are arrested, a town captured is taken
    ("A police unit captured four suspected bandits near Gusau.", "COERCE", "arrest", "A police unit", "four suspected bandits", "asserted"),
    ("Rebels captured the town of Kidal on Sunday.", "ASSAULT", None, "Rebels", None, "asserted"),
    # "... to pieces", "set upon": violence
    ("The attackers hacked the farmer to pieces.", "ASSAULT", "primitive", "The attackers", "the farmer", "asserted"),
    ("A couple were set upon by armed men near the market.", "ASSAULT", None, "armed men", "A couple", "asserted"),
    # a near-twin preposition of a dictionary phrase ("pour into streets")
    ("Thousands of students poured onto the streets of Dhaka.", "PROTEST", None, "Thousands of students", None, "asserted"),
    # CAMEO's BEHEAD / DECAPITATE; "cutting off their heads" is no sanction
    ("Gunmen raided the village, killing four people and cutting off their heads.", "ASSAULT", None, "Gunmen", None, "asserted"),
    # CAMEO ABANDON * &STRONGHOLD: a force leaving its base retreats
    ("The soldiers abandoned the base after a night of fighting.", "RETREAT", "withdraw", "The soldiers", None, "asserted"),
    # a fronted day the parse joins to the subject ("On Friday police")
    ("On Friday police in Mombasa fired tear gas at the marchers.", "ASSAULT", None, "police", "the marchers", "asserted"),
    # a causative "have": the causer did it, the one after "had" underwent it
    ("The governor had twelve traders arrested over the riots.", "COERCE", "arrest", "The governor", "twelve traders", "asserted"),
    # CAMEO "ISSUE * {ARREST WARRANTS}"
    ("A court in Lima issued arrest warrants for four former ministers.", "COERCE", "arrest", "A court", None, "asserted"),
]

# (sentence, category that must not be asserted, modality it should get instead or None)
NOT_ASSERTED = [
    # a weapon strikes no labour strike: "struck" with a drone or a shell as its subject is no PROTEST
    ("The first drone struck at about midnight over the port.", "PROTEST", None),
    ("Two shells struck near the market on Sunday.", "PROTEST", None),
    ("There are no plans for the two leaders to meet this month.", "CONSULT", "negated"),
    ("A summit could be arranged if needed, the spokesman said.", "CONSULT", "hypothetical"),
    ("The troops tried to seize the bridge on Monday.", "ASSAULT", "planned"),
    # calling a strike or an election is no phone call
    ("The unions that called the strike said they would keep marching.", "CONSULT", None),
    # sympathy offered is no event in PLOVER (CAMEO 018)
    ("The defence minister offered condolences to the families of the soldiers.", "AGREE", None),
    # a right or an authority to act is no act
    ("The government said it reserved the right to retaliate against the attackers.", "ASSAULT", "hypothetical"),
    ("The junta has no authority to expel the ambassador, the ministry said.", "SANCTION", "negated"),
    ("The army seeks to recapture the province in a new campaign.", "ASSAULT", "planned"),
    ("The offensive is part of a campaign to regain the northern hills.", "ASSAULT", "planned"),
    ("The militia threatened to attack the oil fields.", "ASSAULT", "hypothetical"),
    ("The envoy urged Russia to stop the bombing of the city.", "ASSAULT", None),
    ("The sides agreed to withdraw heavy weapons from the front line.", "RETREAT", "hypothetical"),
    ("The soldiers did not fire on the crowd, the army said.", "ASSAULT", "negated"),
    ("The ministers will meet in Cairo on Sunday.", "CONSULT", "future"),
    ("The civil war has killed thousands since 2011.", "AGREE", None),
    ("The fighting, which began despite a ceasefire deal, has displaced thousands.", "AGREE", None),
    ("The government denied that its jets had bombed the clinic.", "ASSAULT", "negated"),
    ("The minister is expected to visit Kabul next week.", "CONSULT", "future"),
    # CAMEO's BLOCK obstructs only a road, an entrance, traffic: "blocking a settlement" is no protest
    ("The minister was accused of blocking a political settlement of the war.", "PROTEST", None),
    # alleged, not told as done
    ("The militia stands accused by rights groups of killing civilians.", "ASSAULT", None),
    # "were met with": what they ran into, no meeting
    ("The marchers were met with tear gas and live rounds.", "CONSULT", None),
    # an operation whose purpose is another act is that act's means
    ("Police began operations across the country on Tuesday to round up 200 suspects.", "ASSAULT", None),
    ("Gunmen raided the village, killing four people and cutting off their heads.", "SANCTION", None),
    # a kind of force, no event: "riot police", "attack helicopters"
    ("Riot police guarded the parliament building.", "PROTEST", None),
    # on a calendar, promised by no one
    ("Nine Arab foreign ministers are due to meet in Amman later on Friday.", "CONSULT", "planned"),
    ("Nine Arab countries are due to meet in Amman, Jordan, later on Friday to discuss Syria.", "CONSULT", None),
]


@pytest.mark.model
def test_background_deal_between_parties_is_low_confidence(nlp) -> None:
    mentions = _mentions(nlp, "The shelling continued despite a truce deal between Ankara and Moscow.")
    agree = [m for m in mentions if m.category == "AGREE"]
    assert agree and all(m.confidence <= 0.3 for m in agree)
    assert [span.text for span in agree[0].actor] == ["Ankara", "Moscow"]


def _mentions(nlp, sentence: str):
    return find_event_mentions(nlp(sentence))


def _contains(spans, words: str) -> bool:
    return any(words.lower() in span.text.lower() for span in spans)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category", "mode", "actor", "recipient", "modality"), CODED)
def test_sentence_is_coded(nlp, sentence, category, mode, actor, recipient, modality) -> None:
    mentions = _mentions(nlp, sentence)
    matching = [
        mention for mention in mentions
        if mention.category == category and mention.modality == modality
        and (mode is None or mention.mode == mode)
        and (actor is None or _contains(mention.actor, actor))
        and (recipient is None or _contains(mention.recipient, recipient))
    ]
    assert matching, "got: " + " | ".join(mention.describe() for mention in mentions)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category", "modality"), NOT_ASSERTED)
def test_not_a_happened_event(nlp, sentence, category, modality) -> None:
    mentions = _mentions(nlp, sentence)
    described = " | ".join(mention.describe() for mention in mentions)
    assert not any(m.category == category and m.asserted for m in mentions), described
    if modality is not None:
        assert any(m.category == category and m.modality == modality for m in mentions), described


@pytest.mark.model
def test_argument_spans_split_conjuncts_and_drop_relative_clauses(nlp) -> None:
    mentions = _mentions(nlp, "The United States and Jordan, which signed a pact in May, agreed to hold talks.")
    agree = next(m for m in mentions if m.category == "AGREE")
    assert [span.text for span in agree.actor] == ["The United States", "Jordan"]


@pytest.mark.model
def test_tagger_component_sets_doc_extension(nlp) -> None:
    doc = EventTagger()(nlp("Police arrested 40 protesters in the capital."))
    assert [m.category for m in doc._.event_mentions] == ["COERCE"]
    mention = doc._.event_mentions[0]
    assert mention.trigger.text == "arrested" and mention.sent.text.startswith("Police")
    assert mention.acled_sub_event_type == "Arrests" and mention.cameo == "173"


def _write_lexicon(folder: Path, lexicon_text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lexicon.yaml").write_text(lexicon_text, encoding="utf-8")
    (folder / "cues.yaml").write_text((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("lexicon_text", "message"),
    [
        ("senses:\n  - {category: FIGHT, cameo: \"190\", verbs: [fight]}\n", "line 2"),
        ("senses:\n  - {category: ASSAULT, cameo: 190, verbs: [fight]}\n", "cameo"),
        ("senses:\n  - {category: ASSAULT, cameo: \"190\", verbs: fight}\n", "verbs"),
        ("senses:\n  - {category: ASSAULT, cameo: \"190\", acled: [Wars, x], verbs: [fight]}\n", "acled"),
        ("senses:\n  - {category: ASSAULT, cameo: \"190\", verb: [fight]}\n", "unknown keys"),
        ("senses:\n  - {category: ASSAULT, cameo: \"190\", verbs: [fight]\n", "not valid YAML"),
        ("verbs: [fight]\n", "senses"),
    ],
)
def test_malformed_lexicon_names_file_and_problem(tmp_path, lexicon_text, message) -> None:
    folder = _write_lexicon(tmp_path / message.replace(" ", "_"), lexicon_text)
    with pytest.raises(DataFileError) as caught:
        EventLexicon.load(folder)
    assert "lexicon.yaml" in str(caught.value) and message in str(caught.value)


def test_bundled_lexicon_loads_and_is_cached() -> None:
    lexicon = EventLexicon.load()
    assert lexicon is EventLexicon.load()
    categories = {trigger.sense.category for triggers in lexicon.verbs.values() for trigger in triggers}
    assert len(categories) == 16
    assert any(trigger.extra == ("back",) for trigger in lexicon.verbs["push"])


def test_analyst_can_add_a_verb(tmp_path) -> None:
    folder = _write_lexicon(
        tmp_path / "added",
        "senses:\n  - {category: ASSAULT, mode: firearms, cameo: \"193\", acled: [Battles, Armed clash], verbs: [skirmish, \"trade fire\"]}\n",
    )
    lexicon = EventLexicon.load(folder)
    assert lexicon.verbs["trade"][0].extra == ("fire",)
    assert lexicon.verbs["skirmish"][0].sense.acled_sub_event_type == "Armed clash"


@pytest.mark.model
def test_an_event_told_as_what_an_act_avenges_is_no_new_one(pipeline) -> None:
    doc = pipeline.nlp("The militants said they carried out the raid to avenge the killing of clerics in Mombasa.")
    assert [m.trigger.text for m in find_event_mentions(doc)] == ["raid"]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category", "told"), [
    # a question, or a source's wish to stay unnamed, is no request
    ("A villager said he had buried the dead, and asked that his name not be used.", "REQUEST", False),
    ("The local official, who requested anonymity, said the army arrived.", "REQUEST", False),
    ("The nurse asked not to be identified.", "REQUEST", False),
    ("Survivors said the gunmen had asked passengers whether they were Christians.", "REQUEST", False),
    ("The envoy asked the commanders why the convoy had been stopped.", "REQUEST", False),
    ("The governor asked the army to identify the attackers.", "REQUEST", True),
    ("The mayor asked residents to stay at home.", "REQUEST", True),
    # a perfect relative clause, undated, tells who or what its noun is
    ("Fighters of the Kassa brigade, which has pledged allegiance to al Qaeda, entered the town.", "SUPPORT", False),
    ("The Gulf states, which have supported the government, sent observers on Monday.", "SUPPORT", False),
    ("The rebels, who have met the envoy twice this week, said talks would resume.", "CONSULT", True),
    ("Qatar has pledged $50 million to the relief effort.", "AGREE", True),
    ("Turnout was low in the vote, which the insurgents had threatened to disrupt.", "THREATEN", False),
    # a medium reporting an attack accuses no one; a ministry does
    ("State media said gunmen killed seven people at a market.", "ACCUSE", False),
    ("The official news agency reported that militants attacked a checkpoint.", "ACCUSE", False),
    ("State television said rebels shelled the airport.", "ACCUSE", False),
    ("The defence ministry said rebels shelled the airport.", "ACCUSE", True),
])
def test_what_is_told_as_an_act_and_what_is_not(nlp, sentence: str, category: str, told: bool) -> None:
    mentions = _mentions(nlp, sentence)
    assert any(m.category == category and m.asserted for m in mentions) is told, [m.describe() for m in mentions]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category", "actor"), [
    ("The rebel alliance said government jets had bombed a market, condemning the raid as a crime.",
     "ACCUSE", "The rebel alliance"),
    ("The ministry said militants had shelled the border post, vowing to respond.", "THREATEN", "The ministry"),
])
def test_a_participle_of_saying_after_a_reported_clause_is_the_speakers(nlp, sentence: str, category: str,
                                                                       actor: str) -> None:
    mentions = [m for m in _mentions(nlp, sentence) if m.category == category]
    assert mentions and _contains(mentions[0].actor, actor), [m.describe() for m in _mentions(nlp, sentence)]


@pytest.mark.model
def test_a_gerunds_by_phrase_is_its_doer_not_the_reporters(nlp) -> None:
    mentions = [m for m in _mentions(nlp, "Villagers reported shelling by the army on Sunday.") if m.category == "ASSAULT"]
    assert mentions and _contains(mentions[0].actor, "the army"), [m.describe() for m in mentions]


@pytest.mark.model
@pytest.mark.parametrize("text, category, mode", [
    ("The junta on Friday ordered the Dutch ambassador to leave within 48 hours.", "SANCTION", "expel"),
    ("The government ordered foreign journalists to leave the country within a week.", "COERCE", "deport"),
    ("Police ordered the protesters to leave the square on Monday.", "REQUEST", "change"),
    ("The cabinet ordered the hunters' militia dissolved on Sunday.", "COERCE", "ban"),
    ("The authorities ordered all schools closed until further notice.", "COERCE", "restrict"),
])
def test_an_order_that_is_the_act_is_coded_as_the_act(nlp, text: str, category: str, mode: str) -> None:
    ordered = [m for m in _mentions(nlp, text) if m.trigger.text == "ordered"]
    assert [(m.category, m.mode) for m in ordered] == [(category, mode)]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "A small drone dropped an explosive on a police station early on Friday.",
    "A quadcopter dropped a grenade on the checkpoint overnight.",
])
def test_dropping_a_weapon_from_the_air_is_an_aerial_attack(nlp, text: str) -> None:
    assert [(m.category, m.mode) for m in _mentions(nlp, text) if m.trigger.root.lemma_ == "drop"] \
        == [("ASSAULT", "aerial")]


@pytest.mark.model
@pytest.mark.parametrize("text, wanted", [
    ("The foreign ministry asked for the journalist's early release.", ["REQUEST"]),
    ("Peskov asked.", []),
])
def test_asking_for_something_is_a_request(nlp, text: str, wanted: list[str]) -> None:
    assert [m.category for m in _mentions(nlp, text) if m.modality == "asserted"] == wanted

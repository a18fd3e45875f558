"""The lexicon codes by general patterns, not by memorised benchmark phrases (issue 25, lexicon clean-up).

Sentences invented for warmonitor. Two kinds of case:
- a multi-word phrase was dropped from lexicon.yaml because a general rule already codes it
  (a bare verb, a light verb with its event noun, an event noun alone): the rule must still hold;
- a general pattern stands in lexicon.yaml (a CAMEO dictionary entry, a spelling of a listed
  noun, a word that sets the mode): it must code the sentences it stands for.
`python bench/lexicon_audit.py` lists the multi-word phrases against the CAMEO dictionary.
"""
from __future__ import annotations

import pytest

from warmonitor.events import find_event_mentions

# (sentence, category, mode or None for "any", trigger words)
GENERAL = [
    # light verb + event noun (cues.yaml light_verbs_do): the noun gives the event
    ("The two governments renewed negotiations over the disputed islands.", "CONSULT", None, "negotiations"),
    ("The bishop undertook mediation between the two clans.", "CONSULT", "third-party", "mediation"),
    ("The tribunal opened a hearing into the deaths of the protesters.", "ACCUSE", "investigate", "hearing"),
    ("The army mounted an invasion of the island at dawn.", "ASSAULT", None, "invasion"),
    # a bare verb of the sense
    ("The two sides agreed upon a prisoner exchange.", "AGREE", None, "agreed"),
    ("Farmers blocked a bridge over the river with tractors.", "PROTEST", "obstruct", "blocked"),
    ("The border guards refused admittance to the journalists.", "REJECT", None, "refused"),
    # the event noun alone
    ("A minefield explosion wounded three shepherds near the frontier.", "ASSAULT", "explosives", "explosion"),
    # CAMEO SUBMIT [080] "accede": yielding to demands
    ("The junta acceded to the strikers' demands on Monday.", "CONCEDE", None, "acceded"),
    ("The province acceded to the opposition's call for a recount.", "CONCEDE", None, "acceded"),
    # CAMEO VIOLATE: every pattern but airspace is 128, defy norms or law
    ("The militia violated the agreement by moving fighters into the buffer zone.", "REJECT", None, "violated"),
    ("Two fishing boats violated the court order and sailed into the bay.", "REJECT", None, "violated"),
    # CAMEO HOLD &HOSTAGE [181]
    ("Kidnappers held the two engineers hostage for three weeks.", "ASSAULT", "abduct", "held"),
    ("The gang has held four nurses hostage since March.", "ASSAULT", "abduct", "held"),
    # CAMEO UPGRADE {DIPLOMATIC RELATIONS} [050], with CAMEO's other word for relations ("OPEN TIES")
    ("Kenya and Somalia upgraded their ties to full embassy level.", "SUPPORT", None, "upgraded"),
    # words that set the mode or the sense of a listed trigger
    ("The electoral commission suffered a cyber attack on Friday.", "COERCE", "cyber", "cyber attack"),
    ("A suicide car bombing at a market in the north killed eleven people.", "ASSAULT", "suicide-attack", "suicide car bombing"),
    ("Guards sexually abused detainees at the prison, the report said.", "ASSAULT", "sexual", "abused"),
    ("The dockworkers' union called off the strike after a pay deal.", "CONCEDE", None, "called"),
]

# (sentence, category that must not be asserted): a listed phrase keeps a noun from its wrong sense
NOT_CODED = [
    ("The electoral commission suffered a cyber attack on Friday.", "ASSAULT"),
    ("The dockworkers' union called off the strike after a pay deal.", "ASSAULT"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category", "mode", "trigger"), GENERAL)
def test_general_pattern_codes(nlp, sentence, category, mode, trigger) -> None:
    mentions = find_event_mentions(nlp(sentence))
    matching = [
        mention for mention in mentions
        if mention.category == category and mention.asserted and (mode is None or mention.mode == mode)
        and trigger.lower() in mention.trigger.text.lower()
    ]
    assert matching, "got: " + " | ".join(mention.describe() for mention in mentions)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "category"), NOT_CODED)
def test_listed_phrase_keeps_noun_from_wrong_sense(nlp, sentence, category) -> None:
    mentions = find_event_mentions(nlp(sentence))
    assert not any(m.category == category and m.asserted for m in mentions), \
        " | ".join(mention.describe() for mention in mentions)

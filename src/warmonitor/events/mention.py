"""EventMention: one coded trigger in a parsed sentence, with its argument spans and modality."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

MODALITIES = frozenset(
    ["asserted", "negated", "hypothetical", "future", "planned", "feared", "possible", "historical",
     "anaphoric"]
)


@dataclass(frozen=True)
class EventMention:
    """A trigger coded as a PLOVER event; the lead keeps only `modality == "asserted"`.

    `actor` and `recipient` hold one noun-phrase Span per conjunct, trimmed of relative
    clauses and long appositions; the ActorResolver turns them into entities.
    `note` says how an argument was found where it is not a plain subject or object
    (e.g. "actor: antecedent of 'which'").
    """

    category: str
    mode: str | None
    cameo: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    context: tuple[str, ...]
    trigger: Span
    sent: Span
    actor: tuple[Span, ...]
    recipient: tuple[Span, ...]
    modality: str
    confidence: float
    nominal: bool = False
    note: str = ""
    #: read from a speaker's report of another act ("the Kremlin said militants attacked")
    reported: bool = False
    #: re-coded from an act announced or refused ("will free the prisoners": CONCEDE); the
    #: act's own place phrase is where it is to happen, not where it was announced
    recoded: bool = False
    #: modality "anaphoric": a definite event noun that refers back ("The raid ... came soon
    #: after"), no event of its own; assembly joins its record to the event it refers to
    @property
    def anaphoric(self) -> bool:
        return self.modality == "anaphoric"

    @property
    def asserted(self) -> bool:
        """Whether the mention reports a happened (or, for statements, a made) event."""
        return self.modality == "asserted"

    def describe(self) -> str:
        """A one-line summary for logs and benches: CATEGORY/mode 'trigger' actor -> recipient [modality]."""
        actors = "; ".join(span.text for span in self.actor) or "-"
        recipients = "; ".join(span.text for span in self.recipient) or "-"
        return (
            f"{self.category}/{self.mode or '-'} {self.trigger.text!r} "
            f"{actors} -> {recipients} [{self.modality} {self.confidence:.2f}]"
        )

"""Measuring warmonitor against gold data: PLOVER sentences, ACLED exports, gold toponyms
and whole-article ("story") gold files. `warmonitor eval` is the command over it."""
from __future__ import annotations

from .acled import load_acled_gold, score_acled
from .geo import load_geo_gold, score_geo
from .plover import load_plover_gold, score_plover
from .result import Confusion, EvalResult, WorstError
from .run import FORMATS, detect_format, evaluate_gold, evaluate_halves
from .story import StoryScore, evaluate_story, load_story_gold, score_story

__all__ = [
    "FORMATS", "Confusion", "EvalResult", "StoryScore", "WorstError", "detect_format", "evaluate_gold",
    "evaluate_halves",    "evaluate_story", "load_acled_gold", "load_geo_gold", "load_plover_gold", "load_story_gold",
    "score_acled", "score_geo", "score_plover", "score_story",
]

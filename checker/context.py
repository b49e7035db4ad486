"""Which sentences lean on the previous one ("He said...", "The transfer...") and their context text.

A sentence that opens with a pronoun or a bare reference to something named before cannot be judged
alone; as an NLI premise it is given the previous sentence of its article in front of it.
"""
from __future__ import annotations

import re
from typing import Mapping

from .types import Sentence

# Openers that point back: personal/demonstrative pronouns, and "The <noun>" for the nouns news
# uses to refer to an event already described.
_LEANS_BACK = re.compile(
    r"^(?:[\"“'‘]\s*)?(?:he|she|it|they|them|his|her|its|their|this|that|these|those|such|"
    r"the (?:move|decision|transfer|deal|plan|agreement|announcement|statement|report|shipment|"
    r"delivery|sale|request|change|rule|law|measure|company|firm|official|officials|group|missiles|"
    r"system|systems|weapons|incident|attack|vote|ruling|case|team|match))\b",
    re.I,
)


def leans_on_previous(text: str) -> bool:
    """True when the sentence's opening refers back to something earlier in the article."""
    return bool(_LEANS_BACK.match(text.strip()))


def premise_text(sentence: Sentence, by_key: Mapping[tuple[str, int], Sentence]) -> str:
    """The sentence, with the previous sentence of its article in front when it leans on it."""
    if sentence.index > 0 and leans_on_previous(sentence.text):
        prev = by_key.get((sentence.article_id, sentence.index - 1))
        if prev is not None:
            return f"{prev.text} {sentence.text}"
    return sentence.text

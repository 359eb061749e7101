"""Dutch abbreviations common in policy prose, kept as single tokens.

Registered as a spaCy callback so the training config can add them to the
tokenizer before initialisation; the trained pipeline then carries them in its
serialized tokenizer and loads without this package.
"""
from __future__ import annotations

import spacy

from ..abbreviations import POLICY_ABBREVIATIONS


def add_special_cases(tokenizer, abbreviations=POLICY_ABBREVIATIONS) -> None:
    for abbr in abbreviations:
        for form in {abbr, abbr[:1].upper() + abbr[1:]}:
            tokenizer.add_special_case(form, [{"ORTH": form}])


@spacy.registry.callbacks("sociale_basis.policy_abbreviations.v1")
def make_policy_abbreviations():
    def before_init(nlp):
        add_special_cases(nlp.tokenizer)
        return nlp

    return before_init

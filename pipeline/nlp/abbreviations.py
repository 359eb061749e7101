"""Dutch abbreviations common in policy prose, kept as single tokens.

Registered as a spaCy callback so the training config can add them to the
tokenizer before initialisation; the trained pipeline then carries them in its
serialized tokenizer and loads without this package.
"""
from __future__ import annotations

import spacy

POLICY_ABBREVIATIONS = (
    "o.a.", "bijv.", "bv.", "m.b.t.", "t.a.v.", "i.s.m.", "e.d.", "art.", "nr.", "nrs.", "t/m", "c.q.",
    "d.w.z.", "m.a.w.", "i.p.v.", "m.u.v.", "n.a.v.", "t.b.v.", "t.o.v.", "v.w.b.", "z.s.m.", "e.a.",
    "o.b.v.", "i.o.m.", "i.c.m.", "ca.", "incl.", "excl.", "resp.", "evt.", "etc.", "vs.", "blz.", "pag.",
    "p.", "hfdst.", "par.", "dhr.", "mevr.", "mw.", "drs.", "dr.", "mr.", "ir.", "prof.", "ing.",
    "jl.", "j.l.", "a.s.", "mln.", "mld.", "min.", "max.", "gem.", "o.l.v.", "e.v.", "z.o.z.",
    "jan.", "feb.", "mrt.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.",
)


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

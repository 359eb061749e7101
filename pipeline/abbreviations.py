"""Dutch abbreviations common in policy prose: data shared by the rule segmenter and
the spaCy tokenizer (``pipeline.nlp.abbreviations``), importable without spaCy."""

POLICY_ABBREVIATIONS = (
    "o.a.", "bijv.", "bv.", "m.b.t.", "t.a.v.", "i.s.m.", "e.d.", "art.", "nr.", "nrs.", "t/m", "c.q.",
    "d.w.z.", "m.a.w.", "i.p.v.", "m.u.v.", "n.a.v.", "t.b.v.", "t.o.v.", "v.w.b.", "z.s.m.", "e.a.",
    "o.b.v.", "i.o.m.", "i.c.m.", "ca.", "incl.", "excl.", "resp.", "evt.", "etc.", "vs.", "blz.", "pag.",
    "p.", "hfdst.", "par.", "dhr.", "mevr.", "mw.", "drs.", "dr.", "mr.", "ir.", "prof.", "ing.",
    "jl.", "j.l.", "a.s.", "mln.", "mld.", "min.", "max.", "gem.", "o.l.v.", "e.v.", "z.o.z.",
    "jan.", "feb.", "mrt.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.",
)

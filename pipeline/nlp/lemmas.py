"""The detectors' Dutch lemmas from a lookup table: spaCy's lookup lemmatizer with two
fallbacks for words the table lacks, and the command that builds the table.

The component is spaCy's lookup lemmatizer in spirit, with its table kept as a plain
dict. Why a table: the detectors need lemmas only ("leiden tot" for *leidt*, *leidden*,
*geleid*), and a table gives them at the tokenizer's speed, where the trained
pipeline (``models/nl_sociale_basis``) runs its tok2vec network over every word.
On the UD Dutch test files the table is about as accurate as that network
(``sociale-basis score-nlp --model nl_lemmas``, figures in docs/nlp.md).

Lookup order for a word: the table as written; the table in lower case; a known
lemma the word is a regular inflection of (*partners*, *gezinnen*, *passende* ->
*partner*, *gezin*, *passend*); the longest tail of a compound that the table or
those rules know, of five letters or more, behind a head of three or more
(*bewonersinitiatieven* -> *bewoners* + *initiatief*); else the word itself, as
spaCy's lookup lemmatizer does.

The table: the lemma each form has most often in the UD Dutch training files
(Alpino's compound markers removed), over spaCy's own Dutch lookup table from
`spacy-lookups-data` where one is installed (``pip install spacy-lookups-data``,
only to build).
"""
from __future__ import annotations

import collections
import gzip
import json
from pathlib import Path

from spacy.language import Language
from spacy.pipeline.lemmatizer import lemmatizer_score

from ..errors import Errors, SocialeBasisError
from .train import TRAIN_FILES, _check_ud_dir, normalise_lemma_column, read_conllu_sentences

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "models" / "nl_lemmas"
MIN_TAIL = 5  # letters of a compound's last part looked up on its own
MIN_HEAD = 3  # letters in front of it


class CompoundLemmatizer:
    """A spaCy component: each token's lemma from a lookup table, with lower-case, inflection
    and compound fallbacks (:func:`lookup_lemma`). The table is data, saved with the pipeline
    as ``lemmas.json.gz``; a plain dict, so it loads in a fraction of a second."""

    FILE = "lemmas.json.gz"

    def __init__(self, name: str = "lemmatizer", overwrite: bool = False):
        self.name = name
        self.overwrite = overwrite
        self._use_table({}, set())

    def _use_table(self, table: dict[str, str], known: set[str]) -> None:
        """Take a table and its known lemmas; lemmas remembered from another table are dropped."""
        self.table, self.known = table, known
        self._memo: dict[str, str] = {}

    def __call__(self, doc):
        for token in doc:
            if self.overwrite or token.lemma == 0:
                token.lemma_ = self.lemma(token.text)
        return doc

    def lemma(self, word: str) -> str:
        """The lemma of one word, remembered: a corpus repeats its words."""
        memo = self._memo
        lemma = memo.get(word)
        if lemma is None:
            if len(memo) > 500_000:
                memo.clear()
            lemma = memo[word] = lookup_lemma(word, self.table, self.known)
        return lemma

    def initialize(self, get_examples=None, *, nlp=None, table: dict[str, str] | None = None):
        if table is not None:
            self._use_table(dict(table), known_lemmas(table))

    def score(self, examples, **kwargs) -> dict:
        return lemmatizer_score(examples, **kwargs)

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with gzip.open(path / self.FILE, "wt", encoding="utf-8") as fh:
            json.dump({"table": self.table, "known": sorted(self.known)}, fh, ensure_ascii=False)

    def from_disk(self, path, exclude=()):
        with gzip.open(Path(path) / self.FILE, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        self._use_table(data["table"], set(data["known"]))
        return self


def lookup_lemma(word: str, table, lemmas=frozenset()) -> str:
    """The lemma of ``word`` in ``table``, with the fallbacks;
    ``lemmas`` is the set of lemmas the table knows, for the inflection rules."""
    lemma = table.get(word)
    if lemma is not None:
        return lemma
    lower = word.lower()
    lemma = table.get(lower)
    if lemma is not None:
        return lemma
    if not lower.isalpha():
        return word
    lemma = _uninflect(lower, lemmas)
    if lemma:
        return lemma
    for cut in range(MIN_HEAD, len(lower) - MIN_TAIL + 1):
        tail = lower[cut:]
        lemma = table.get(tail) or _uninflect(tail, lemmas)
        if lemma:
            return lower[:cut] + lemma
    return word


def known_lemmas(table) -> set[str]:
    """The lemmas in ``table`` that are also forms of themselves in it: a safer list for the
    inflection rules than all its values, some of which are stems no word has."""
    return {v for v in set(table.values()) if table.get(v) == v}


def _uninflect(word: str, lemmas) -> str | None:
    """A known lemma that ``word`` is a regular plural or inflected form of:
    partners, buurten, gezinnen, initiatieven, straten -> partner, buurt, gezin, initiatief, straat;
    passende -> passend."""
    if len(word) < 4:
        return None
    candidates = []
    if word.endswith("s"):
        candidates.append(word[:-1])
    if word.endswith("en"):
        stem = word[:-2]
        candidates.append(stem)
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # gezinnen
        if stem[-1:] in ("v", "z"):
            candidates.append(stem[:-1] + {"v": "f", "z": "s"}[stem[-1]])  # initiatieven, huizen
        if len(stem) > 2 and stem[-2] in "aeou" and stem[-3:-2] not in "aeiou":
            candidates.append(stem[:-1] + stem[-2] + stem[-1])  # straten
    if word.endswith("e"):
        candidates.append(word[:-1])
    for c in candidates:
        if c in lemmas:
            return c
    return None


@Language.factory("compound_lemmatizer", assigns=["token.lemma"], default_config={"overwrite": False},
                  default_score_weights={"lemma_acc": 1.0})
def make_compound_lemmatizer(nlp: Language, name: str, overwrite: bool):
    return CompoundLemmatizer(name, overwrite=overwrite)


def ud_lemma_table(ud_dir: Path, files=TRAIN_FILES) -> dict[str, str]:
    """Each form's most frequent lemma in the UD files, as written and in lower case."""
    _check_ud_dir(ud_dir, files)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in files:
        for sentence in read_conllu_sentences(Path(ud_dir) / name):
            for line in normalise_lemma_column(sentence):
                cols = line.split("\t")
                if len(cols) == 10 and cols[0].isdigit() and cols[2] != "_":
                    counts[cols[1]][cols[2]] += 1
    table = {form: c.most_common(1)[0][0] for form, c in counts.items()}
    lowered: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for form, c in counts.items():
        lowered[form.lower()].update(c)
    for form, c in lowered.items():
        table.setdefault(form, c.most_common(1)[0][0])
    return table


def spacy_lookups_table() -> dict[str, str]:
    """spaCy's Dutch lookup table from spacy-lookups-data, or {} when it is not installed."""
    try:
        import spacy_lookups_data
    except ImportError:
        return {}
    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def build_lemma_pipeline(ud_dir: Path, output: Path = DEFAULT_OUTPUT, use_spacy_lookups: bool = True) -> dict:
    """Write a spaCy pipeline (the project's tokenizer and the compound lemmatizer) to ``output``."""
    import spacy

    from .abbreviations import add_special_cases

    ud = ud_lemma_table(Path(ud_dir))
    base = spacy_lookups_table() if use_spacy_lookups else {}
    if use_spacy_lookups and not base:
        raise SocialeBasisError(Errors.E019)
    table = {**base, **ud}
    nlp = spacy.blank("nl")
    add_special_cases(nlp.tokenizer)
    nlp.add_pipe("compound_lemmatizer", name="lemmatizer")
    nlp.initialize(lambda: [])
    nlp.get_pipe("lemmatizer").initialize(table=table)
    sources = ["UD Dutch training files: " + ", ".join(TRAIN_FILES)]
    if base:
        import spacy_lookups_data
        sources.append(f"spacy-lookups-data {getattr(spacy_lookups_data, '__version__', '')} nl_lemma_lookup".strip())
    nlp.meta.update({
        "name": "lemmas", "version": "1.0.0",
        "description": "Dutch tokenizer and lookup lemmatizer for the sociale-basis detectors.",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": s} for s in sources],
        "table": {"entries": len(table), "from_ud": len(ud), "from_spacy_lookups": len(base)},
    })
    output = Path(output)
    nlp.to_disk(output)
    _write_readme(output, nlp.meta)
    return nlp.meta["table"]


def _write_readme(output: Path, meta: dict) -> None:
    table = meta["table"]
    output.joinpath("README.md").write_text(
        "# nl_lemmas\n\n"
        "The Dutch lemmas the detectors read: spaCy's tokenizer with the project's policy "
        "abbreviations and a lookup lemmatizer (`compound_lemmatizer`, pipeline/nlp/lemmas.py) that "
        "falls back to lower case and to a compound's last part.\n\n"
        f"Table: {table['entries']:,} forms; {table['from_ud']:,} from the UD Dutch training files "
        f"(each form's most frequent lemma, Alpino's compound markers removed), over "
        f"{table['from_spacy_lookups']:,} from spaCy's Dutch lookup table (spacy-lookups-data, MIT).\n\n"
        "Reproduce: `pip install spacy-lookups-data && sociale-basis train-lemmas --ud-dir ../shared/ud`.\n"
        "Accuracy: `sociale-basis score-nlp --model nl_lemmas --ud-dir ../shared/ud` (docs/nlp.md).\n\n"
        "## Licence\n\nCC BY-SA 4.0, inherited from the UD Dutch treebanks "
        "(https://github.com/UniversalDependencies/UD_Dutch-LassySmall, "
        "https://github.com/UniversalDependencies/UD_Dutch-Alpino).\n",
        encoding="utf-8")

"""Explainable rules: regular expressions over views of a sentence, kept as data in rules.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).with_name("rules.json")
VIEWS = ("raw", "text", "lemma")


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    view: str
    pattern: re.Pattern

    def search(self, views: dict) -> re.Match | None:
        return self.pattern.search(views[self.view])


@lru_cache(maxsize=4)
def load_rules(path: str = str(RULES_PATH)) -> dict[str, tuple[Rule, ...]]:
    """Rules by group ("definition", "evidence_specific", "monitoring_kind.output", ...)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    groups: dict[str, tuple[Rule, ...]] = {}

    def compile_group(name: str, specs: list[dict]) -> tuple[Rule, ...]:
        out = []
        for spec in specs:
            if spec["view"] not in VIEWS:
                raise ValueError(f"rule {spec['id']}: view must be one of {VIEWS}")
            out.append(Rule(spec["id"], name, spec["view"], re.compile(spec["regex"], _flags(spec))))
        return tuple(out)

    for name, specs in data["rules"].items():
        if isinstance(specs, dict):  # nested groups: monitoring_kind.output, ...
            for sub, subspecs in specs.items():
                groups[f"{name}.{sub}"] = compile_group(f"{name}.{sub}", subspecs)
        else:
            groups[name] = compile_group(name, specs)
    return groups


_ESCAPES = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


def _flags(spec: dict) -> int:
    """Rules on the lower-cased views ignore case; a rule written in lower case needs no
    IGNORECASE there, which makes Python's regular expressions about twice as fast."""
    if spec["view"] == "raw":
        return 0
    literal = _ESCAPES.sub("", spec["regex"])  # \S, \W, group names: not letters to match
    return re.IGNORECASE if any(c.isupper() for c in literal) else 0


def make_views(text: str, lemmas: list[str] | None = None) -> dict[str, str]:
    """The strings rules look at: the raw text, its lower-cased words, its lemmas."""
    lower = text.lower()
    lemma = " ".join(lemmas).lower() if lemmas else lower
    return {"raw": text, "text": lower, "lemma": lemma}


def fire(views: dict, groups: dict[str, tuple[Rule, ...]], names=None) -> dict[str, list[str]]:
    """For each group, the ids of the rules that match the sentence."""
    hits: dict[str, list[str]] = {}
    for name, rules in groups.items():
        if names is not None and name not in names:
            continue
        ids = [r.id for r in rules if r.search(views)]
        if ids:
            hits[name] = ids
    return hits


def longest_match(views: dict, rules: tuple[Rule, ...]) -> tuple[Rule, re.Match] | None:
    """The rule whose match is longest (the first of equals): "Onderzoek van de Hogeschool van
    Amsterdam" rather than the institute's name alone."""
    found = [(rule, m) for rule in rules if (m := rule.search(views))]
    return max(found, key=lambda rm: rm[1].end() - rm[1].start(), default=None)

"""Dutch language processing: the project's spaCy pipeline and its training."""
from __future__ import annotations

from functools import lru_cache

from ..errors import Errors, SocialeBasisError


@lru_cache(maxsize=4)
def load_nlp(name_or_path: str):
    """Load a spaCy pipeline once per process (a folder or an installed package)."""
    import spacy

    from . import lemmas  # noqa: F401  (registers the compound_lemmatizer factory)

    try:
        return spacy.load(name_or_path)
    except (OSError, IOError, ValueError) as err:
        raise SocialeBasisError(Errors.E006.format(name=name_or_path, err=err)) from err

"""sociale-basis: machine reading of Dutch municipal policy on de sociale basis.

For notebooks: ``pipeline.load(DIR)`` returns the output of ``analyze`` as pandas
DataFrames; ``pipeline.analyze`` and ``pipeline.evaluate`` run the pipeline and score it.
"""
__version__ = "0.1.0"


def load(folder):
    """The documents, sentences and claims of an analyze output folder (see :mod:`pipeline.explore`)."""
    from .explore import load as _load
    return _load(folder)


def analyze(paths, out, **kwargs):
    """Analyse documents into ``out`` (see :func:`pipeline.batch.analyze`)."""
    from .batch import analyze as _analyze
    return _analyze(paths, out, **kwargs)


def evaluate(gold, folder):
    """Score an output folder against gold JSON Lines (see :func:`pipeline.scoring.evaluate`)."""
    from .scoring import evaluate as _evaluate
    return _evaluate(gold, folder)

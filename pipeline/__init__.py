"""sociale-basis: machine reading of Dutch municipal policy on de sociale basis."""
__version__ = "0.1.0"

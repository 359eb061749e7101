"""The marks that open a list item: bullets, numbers, letters and roman numerals.

One vocabulary for the layout (which line opens an item), the segmenter (where a list run
into one block splits into its items) and the detectors (which marker a sentence opens with,
read without it); each builds the pattern its job needs from these parts.
"""
from __future__ import annotations

import re

BULLETS = "•●▪■◦○·‣⁃–-*►➢✓"
BULLET = "[" + re.escape(BULLETS) + "]"
# roman numerals of two letters or more: as list numbers they cannot be a name's initial
# ("V. Jansen"), so they need no look at what follows
ROMANS = ("ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii")
ROMAN = "(?:" + "|".join(ROMANS) + ")"
ROMAN_UPPER = ROMAN.upper()

"""The one home of newsbrief's English language knowledge, shared by briefs, answers and stories.

Each kind of knowledge is one module; word lists are data files in ``data/`` read once
(:mod:`.lexicon`):

- :mod:`.words`: tokens, stems, stop words (``words``, ``stem``, ``content_words``).
- :mod:`.sentences`: whitespace repair, paragraphs and sentences (``split_sentences``).
- :mod:`.quantities`: figures with what they count, and whether two figures are the same
  quantity (``extract_figures``, ``same_quantity``).

Modules import from here or from the submodule; nothing else in the summarizer keeps its own
copy of a stop list, a sentence splitter or a number pattern.
"""

from __future__ import annotations

from .sentences import SentenceTokenizer, normalize_text, split_paragraphs, split_sentences
from .words import STOP_WORDS, content_words, stem, words

__all__ = [
    "STOP_WORDS",
    "SentenceTokenizer",
    "content_words",
    "normalize_text",
    "split_paragraphs",
    "split_sentences",
    "stem",
    "words",
]

"""The summarizer's errors. Messages are one line and safe to show to users.

    SummarizerError (ValueError)
     ├── NoContentError        no usable text: empty, binary or non-prose input
     └── InvalidQuestionError  a question with no words to search for (empty, punctuation, mentions only)
"""

from __future__ import annotations


class SummarizerError(ValueError):
    """Base of the summarizer's errors."""


class NoContentError(SummarizerError):
    """The articles hold no text that can be summarized or searched."""


class InvalidQuestionError(SummarizerError):
    """The question has nothing to search for."""

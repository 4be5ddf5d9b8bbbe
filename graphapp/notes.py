"""A note a person reads, written in English where it arises (the extractor's warnings, a spreadsheet's
problems): :func:`note` marks text that no warning or problem call says directly, so the catalogue of notes
finds it (:func:`graphapp.views.catalogue_keys.notes`) and the pages word it in their language
(:func:`graphapp.views.messages.note_text`)."""

from __future__ import annotations

__all__ = ["note"]


def note(text: str) -> str:
    """``text`` as it is: ``note(f"{sheet} row {number}")`` is found as the template ``"{} row {}"``."""
    return text

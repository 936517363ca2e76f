"""pipeline.placeholders: markup, URLs and kept names out and back in; damaged placeholders refused."""

from __future__ import annotations

import pytest

from pipeline.placeholders import protect, restore


def test_protection_round_trips_markup_urls_and_kept_names() -> None:
    text = "**Question :** voir [le site](https://a.fr/x) de `Rennes Métropole` et Eurocities\\!"
    protected = protect(text, ["Eurocities"])
    assert "Eurocities" not in protected.text and "https" not in protected.text and "*" not in protected.text
    assert restore(protected.text, protected) == text


@pytest.mark.parametrize(
    "damage", ["{0}Question{1} {2}site{3} {5} {6}", "Question {1}{2}{3}{4}{5}{6}", "{0}{0}{1}{2}{3}{4}{5}{6}"]
)
def test_a_draft_with_damaged_placeholders_is_refused(damage: str) -> None:
    protected = protect(
        "**Question :** voir [le site](https://a.fr/x) de `code` et Eurocities\\!", ["Eurocities"]
    )
    assert len(protected.originals) == 7
    assert restore(damage, protected) is None

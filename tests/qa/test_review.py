"""pipeline.qa.review: a page a reviewer can trust: escaped, complete, the same bytes every time."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog

from pipeline.drafts.glossary import Glossary
from pipeline.qa.checks import CheckContext, Severity
from pipeline.qa.review import (
    MACHINE_DRAFT,
    MISSING,
    REVIEWED,
    ReviewedCatalog,
    render_review,
    review_page,
    review_rows,
)
from pipeline.qa.runner import Finding, check_catalog, missing_catalog

from ..project import ROOT

PATH = "locales/de/LC_MESSAGES/a.po"
TEMPLATE = ROOT / "templates" / "review.html"


def three_states() -> Catalog:
    catalog = Catalog(locale="de")
    catalog.add("Bonjour.", "Hallo.", lineno=10, user_comments=["Checked with the author."])
    catalog.add(
        "Au revoir.",
        "Auf Wiedersehen.",
        lineno=14,
        flags=["fuzzy"],
        auto_comments=["machine translation: deepl"],
    )
    catalog.add("Merci « beaucoup ».", "", lineno=18)
    return catalog


def page_of(catalog: Catalog) -> str:
    findings = check_catalog(catalog, PATH, CheckContext("de", Glossary(), "a"))
    return render_review("de", review_rows(catalog, "a", PATH, findings), TEMPLATE)


def test_every_message_shows_its_state_and_a_machine_draft_its_engine() -> None:
    rows = review_rows(three_states(), "a", PATH, [])
    assert [(row.line, row.state, row.origin) for row in rows] == [
        (10, REVIEWED, None),
        (14, MACHINE_DRAFT, "deepl"),
        (18, MISSING, None),
    ]
    page = page_of(three_states())
    assert '<span class="state">reviewed</span>' in page
    assert '<span class="state">machine draft (deepl)</span>' in page
    assert '<span class="state">missing</span>' in page
    assert "Checked with the author." in page
    counts = re.sub(r"<[^>]+>", "", re.search(r'<ul class="counts">.*?</ul>', page)[0])  # type: ignore[index]
    assert counts == "3 messages1 reviewed1 machine drafts1 missing2 errors0 warnings"


def test_findings_are_shown_beside_their_message() -> None:
    page = page_of(three_states())
    row = next(line for line in page.splitlines() if "Auf Wiedersehen." in line)
    assert "<strong>error</strong> fuzzy: expected a reviewed translation" in row
    assert "untranslated" not in row


def test_translations_are_escaped_never_run() -> None:
    catalog = Catalog(locale="de")
    catalog.add('Un <b>titre</b> & "guillemets"', "<script>alert('x')</script> & Titel", lineno=3)
    page = page_of(catalog)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Titel" in page
    assert "Un &lt;b&gt;titre&lt;/b&gt; &amp; &quot;guillemets&quot;" in page


def test_the_page_is_self_contained_and_in_the_reviewed_language() -> None:
    page = page_of(three_states())
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert '<td class="text" lang="fr">Bonjour.</td>' in page
    assert not re.search(r"<(script|link|img|iframe)\b|\b(src|href)=|url\(|@import", page)


def test_the_same_catalog_gives_the_same_bytes() -> None:
    assert page_of(three_states()) == page_of(three_states())


def test_a_text_keeps_every_space_and_line_break_as_written() -> None:
    # pandoc's template engine drops a value's last line break; the page must not.
    texts = ["Ligne.\n", "\nDébut", "Deux\n\n", "  espaces  \t", "$titre$ ${n} $$", "a\r\nb\n"]
    catalog = Catalog(locale="de")
    for number, text in enumerate(texts):
        catalog.add(text, text.upper(), lineno=number + 1)
    page = page_of(catalog)
    for text in texts:
        assert f'<td class="text" lang="fr">{text}</td><td class="text">{text.upper()}</td>' in page


def test_the_page_shows_only_its_catalogs_findings_and_lists_loose_ones_first() -> None:
    other = Finding("locales/cs/LC_MESSAGES/a.po", 3, Severity.ERROR, "numbers", "elsewhere")
    missing_ui = missing_catalog("locales/de/LC_MESSAGES/ui.po")
    findings = [*check_catalog(three_states(), PATH, CheckContext("de", Glossary(), "a")), other, missing_ui]
    catalogs = [ReviewedCatalog("a", PATH, three_states()), ReviewedCatalog("ui", missing_ui.path, None)]
    page = review_page("de", catalogs, iter(findings), TEMPLATE)
    assert "elsewhere" not in page
    header = page[: page.index("</header>")]
    assert "locales/de/LC_MESSAGES/ui.po: [error] missing: expected a catalog, found none" in header
    assert "fuzzy: expected a reviewed translation" not in header  # shown beside its message instead
    assert page.count('<td class="line">') == 3


REGIONAL_PATHS = ("locales/en_US/LC_MESSAGES/a.po", "locales/en/LC_MESSAGES/a.po")


def regional_page() -> str:
    english = Catalog(locale="en")
    english.add("Le programme", "The programme", lineno=10)
    english.add("Une ville jumelle", "A twin town", lineno=14)
    english.add("Le maire", "The mayor", lineno=18)
    american = Catalog(locale="en_US")
    american.add("Le programme", "The program", lineno=5)
    american.add("Une ville jumelle", "A sister city", lineno=9, flags=["fuzzy"])
    american.add("Le maire", "", lineno=13)
    findings = [
        Finding(REGIONAL_PATHS[0], 9, Severity.WARNING, "fuzzy-override", "expected a reviewed override"),
        Finding(REGIONAL_PATHS[1], 14, Severity.ERROR, "quotes", "the en catalog's own finding"),
    ]
    catalog = ReviewedCatalog("a", REGIONAL_PATHS[0], american, english, REGIONAL_PATHS[1])
    return review_page("en_US", [catalog], findings, TEMPLATE)


def test_a_regional_page_shows_each_override_beside_the_language_and_the_french() -> None:
    page = regional_page()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-US">')
    assert (
        '<td class="text" lang="fr">Le programme</td><td class="text" lang="en-GB">The programme</td>'
        '<td class="text">The program</td><td lang="en"><span class="state">override</span>'
    ) in page
    assert '<span class="state">fuzzy override</span>' in page
    mayor = next(line for line in page.splitlines() if "The mayor" in line)
    assert '<span class="none" lang="en">as in en</span>' in mayor and "inherited" in mayor
    assert '<th scope="col">English (en)</th><th scope="col">English (United States)</th>' in page
    counts = re.sub(r"<[^>]+>", "", re.search(r'<ul class="counts">.*?</ul>', page)[0])  # type: ignore[index]
    assert counts == "3 messages1 overrides1 fuzzy overrides1 inherited0 errors1 warnings"
    assert "the en catalog's own finding" not in page  # the en page shows it, beside its message


def test_a_message_whose_french_changed_says_so_with_the_edit_and_no_engine() -> None:
    catalog = Catalog(locale="de")
    catalog.add(
        "Il est resté 8 mois à Medellín.",
        "Er blieb acht Monate in Medellín.",
        lineno=20,
        flags=["fuzzy"],
        previous_id=["Il est resté huit mois à Medellín."],
    )
    catalog.add(
        "Merci.", "Danke.", lineno=24, flags=["fuzzy"], auto_comments=["translation memory: 90% match"]
    )
    rows = review_rows(catalog, "a", PATH, [])
    assert [row.state for row in rows] == ["French changed", "fuzzy"]
    page = page_of(catalog)
    assert '<span class="state">French changed</span>' in page
    assert '<span class="state">machine draft' not in page
    assert (
        "<strong>French changed:</strong> Il est resté <del>huit</del><ins>8</ins> mois à Medellín." in page
    )
    counts = re.sub(r"<[^>]+>", "", re.search(r'<ul class="counts">.*?</ul>', page)[0])  # type: ignore[index]
    assert "1 French changed1 other fuzzy" in counts


def test_the_previous_french_is_escaped_on_the_page() -> None:
    catalog = Catalog(locale="de")
    catalog.add(
        "Voir <b>ici</b>.", "Siehe hier.", lineno=3, flags=["fuzzy"], previous_id=["Voir <script>x</script>."]
    )
    page = page_of(catalog)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_an_accepted_warning_is_shown_accepted_and_not_reported() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Interview", "Interview", lineno=5, flags=["jumelage-ok:unchanged"])
    findings = check_catalog(catalog, PATH, CheckContext("de", Glossary(), "ui"))
    assert findings == []
    page = page_of(catalog)
    assert "<strong>Accepted warnings:</strong> unchanged" in page

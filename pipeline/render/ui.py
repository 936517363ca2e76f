"""Interface words: the ``ui`` gettext domain, and CLDR names, dates and lists.

What the templates print around the article ("Contents", "Page 3",
"Translated from French"…) is listed once in :data:`UI_MESSAGES`; ``jumelage
update`` writes it to ``locales/ui.pot`` and each language translates it in
``locales/<lang>/LC_MESSAGES/ui.po``. Language names, dates, numbers and lists
of names come from Babel's CLDR data, never written by hand per language, in
the locale :func:`pipeline.project.cldr_locale` gives a catalog language
(``en`` is British English: "25 November 2026").
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string, new_template
from pipeline.catalogs.strict import compare_brace_fields
from pipeline.errors import Problem
from pipeline.links import reference_problems
from pipeline.project import cldr_locale
from pipeline.typography import typeset

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UiMessage:
    """One interface message: the key templates use, the English text, a note for translators."""

    key: str
    text: str
    comment: str


UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage("interview", "Interview", "Kicker printed above the title of an interview; a noun."),
    UiMessage(
        "report",
        "Report",
        "Kicker printed above the title of a report: an article that describes a piece of work "
        "or a subject at length (French 'Reportage' / 'Rapport'); a noun.",
    ),
    UiMessage(
        "news",
        "News",
        "Kicker printed above the title of a short news item (French 'Brève'); a noun.",
    ),
    UiMessage(
        "interview_with",
        "An interview with {name}",
        "Byline of an interview, under the title; {name} is the person interviewed.",
    ),
    UiMessage(
        "by_author",
        "By {names}",
        "Byline of a report or a news item; {names} is a list of authors (people or a service), "
        "already joined by CLDR ('A and B').",
    ),
    UiMessage(
        "image_credits",
        "Images: {credits}",
        "Credit line for the article's images; {credits} is who made them.",
    ),
    UiMessage("contents", "Contents", "Title of the table of contents."),
    UiMessage(
        "collection",
        "Collection",
        "Kicker printed above the title of a collection: several articles published together as one "
        "brochure or e-book for a delegation (French 'Dossier'); a noun.",
    ),
    UiMessage(
        "collections",
        "Collections",
        "Heading of the web index's list of collections (several articles published together); a noun.",
    ),
    UiMessage(
        "collection_other_languages",
        "This collection in other languages",
        "Title of a collection brochure's page listing its other languages, each with a QR code.",
    ),
    UiMessage(
        "collection_scan_to_read",
        "Scan a code to read the collection online in that language.",
        "Under the title of a collection brochure's page of its other languages.",
    ),
    UiMessage("page", "Page {number}", "Folio at the foot of printed pages; {number} is the page number."),
    UiMessage(
        "interview_by",
        "Interview by {names}",
        "Byline; {names} is a list of people, already joined by CLDR ('A and B').",
    ),
    UiMessage("published_by", "Published by {publisher}", "Colophon; {publisher} is an association's name."),
    UiMessage(
        "translated_from",
        "Translated from {language}",
        "Colophon of translations; {language} is the CLDR name of the source "
        "language in this language, in the nominative ('Französisch', "
        "'francuski', 'francouzština'): word the sentence so that the "
        "nominative reads naturally.",
    ),
    UiMessage(
        "reading_time",
        "Reading time: {minutes} min",
        "Under the title; {minutes} is a number formatted for the language.",
    ),
    UiMessage("edition_of", "Edition of {date}", "Colophon; {date} is the build date in CLDR's long format."),
    UiMessage("draft_notice", "Draft — not for publication", "Banner on every page of a draft edition."),
    UiMessage("draft_mark", "DRAFT", "Watermark across the pages of a draft edition; keep it short."),
    UiMessage("languages", "Read in another language", "Label of the language switcher."),
    UiMessage("downloads", "Download", "Label before the links to the PDF and the e-book."),
    UiMessage("ebook", "E-book (EPUB)", "Link to the EPUB file."),
    UiMessage("print_edition", "PDF", "Link to the PDF file."),
    UiMessage(
        "twinned_since",
        "Twinned with Rennes since {year}",
        "Brochure cover, under the partner city's name; {year} is the year of twinning. "
        "US English says 'sister city' (regional catalog en_US).",
    ),
    UiMessage("read_online", "Read online: {url}", "Brochure colophon; {url} is the web edition's address."),
    UiMessage(
        "qr_alt", "QR code linking to the web edition", "Alternative text of the QR code in the colophon."
    ),
    UiMessage(
        "other_languages",
        "This article in other languages",
        "Title of a brochure page listing the article's other languages, each with a QR code.",
    ),
    UiMessage(
        "scan_to_read",
        "Scan a code to read the article online in that language.",
        "Under the title of the brochure page of the article's other languages.",
    ),
    UiMessage(
        "qr_alt_language",
        "QR code linking to the article in {language}",
        "Alternative text of a QR code; {language} is the CLDR name of a language in this "
        "language, in the nominative ('Englisch', 'angielski'): word the sentence so that "
        "the nominative reads naturally.",
    ),
    UiMessage(
        "twin_cities",
        "The twin cities of Rennes",
        "Title of a brochure page listing Rennes' twin cities and their years of twinning. "
        "US English says 'sister cities' (regional catalog en_US).",
    ),
    UiMessage(
        "since_year",
        "since {year}",
        "In the list of Rennes' twin cities, after a city and its country; {year} is the year of twinning.",
    ),
    UiMessage(
        "printed_brochure",
        "Printed brochure: {city}",
        "Download link on the web page to a partner city's brochure (PDF); {city} is the city's name.",
    ),
    UiMessage("all_languages", "All languages", "Link from an article page back to the site's index."),
    UiMessage(
        "cover_alt",
        "Cover: {title}",
        "Alternative text of the e-book's cover image; {title} is the article's title.",
    ),
    UiMessage(
        "map_alt",
        "Map: {countries}",
        "Alternative text of the brochure cover's map; {countries} is a list of countries "
        "joined by CLDR ('France and Germany').",
    ),
    UiMessage(
        "to_confirm",
        "[to confirm: {what}]",
        "Printed on the back cover in place of a value not yet confirmed; {what} is one of the "
        "words 'postal address', 'email address', 'printer', 'web address'. Keep the brackets.",
    ),
    UiMessage("field_address", "postal address", "What is still to confirm, inside '[to confirm: …]'."),
    UiMessage("field_email", "email address", "What is still to confirm, inside '[to confirm: …]'."),
    UiMessage("field_printer", "printer", "What is still to confirm, inside '[to confirm: …]'."),
    UiMessage("field_site_url", "web address", "What is still to confirm, inside '[to confirm: …]'."),
    UiMessage(
        "field_twinned",
        "year of twinning",
        "What is still to confirm, inside '[to confirm: …]', in place of a year in "
        "'since {year}' and 'Twinned with Rennes since {year}'.",
    ),
    UiMessage("printed_by", "Printed by {printer}", "Back cover; {printer} is the printer's name and town."),
    UiMessage(
        "map_credit",
        "Map: Natural Earth (public domain)",
        "Back cover credit for the cover's map; 'Natural Earth' is a name, keep it.",
    ),
    UiMessage(
        "accessibility_summary",
        "Text-only publication: headings, a table of contents and reading order make it navigable; "
        "no image carries information that the text does not give.",
        "Accessibility summary in the e-book's metadata, read by reading systems.",
    ),
    UiMessage(
        "accessibility_summary_figures",
        "Headings, a table of contents and reading order make this publication navigable; "
        "every image has a text alternative and a caption.",
        "Accessibility summary in the e-book's metadata, for a book with images.",
    ),
)

UI_KEYS = {message.key: message for message in UI_MESSAGES}


def ui_template() -> Catalog:
    """The POT of the ``ui`` domain."""
    catalog = new_template("ui", "Interface words of the jumelage editions.")
    for message in UI_MESSAGES:
        catalog.add(message.text, auto_comments=[message.comment])
    return catalog


@dataclass(frozen=True)
class Interface:
    """The interface words and CLDR formats of one language."""

    lang: str
    translations: Mapping[str, str] = field(default_factory=dict)

    @property
    def locale(self) -> Locale:
        """The CLDR locale of the dates and numbers: ``en`` is British (``en_GB``), ``en-US`` American."""
        return Locale.parse(cldr_locale(self.lang))

    def text(self, key: str, **values: str) -> str:
        """The translated interface text for ``key``, with ``{name}`` fields filled."""
        english = UI_KEYS[key].text
        return typeset(self.translations.get(english, english).format(**values), self.lang)

    def language_name(self, code: str) -> str:
        """The CLDR name of language ``code`` in this language ("Französisch")."""
        return str(self.locale.languages.get(code, code))

    def format_date(self, moment: datetime) -> str:
        return format_date(moment.date(), format="long", locale=self.locale)

    def format_list(self, items: Sequence[str]) -> str:
        return format_list(list(items), locale=self.locale)


def endonym(code: str) -> str:
    """A language named in itself, capitalised for a menu ("Deutsch", "Čeština")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def interface_from_catalog(
    lang: str, catalog: Catalog | None, path: str, draft: bool
) -> tuple[Interface, list[Problem]]:
    """Load the ``ui`` catalog of ``lang``; list what a release cannot accept.

    English is the language of the message ids, so it needs no catalog. A
    translation whose ``{name}`` fields are not its message's (``{namen}``
    for ``{names}``, ``{number}`` dropped) is a problem in a release, and in
    a draft a warning, the message printed in English.
    """
    problems: list[Problem] = []
    translations: dict[str, str] = {}
    misplaced = misplaced_fields(catalog, path, draft)
    for message in UI_MESSAGES:
        entry = catalog.get(message.text) if catalog is not None else None
        string = message_string(entry) if entry is not None else ""
        # Interface words reach pandoc as Markdown: a link leading where none may stays out, always.
        link = next((problem for _, problem in reference_problems(string)), None) if string else None
        usable = entry is not None and bool(string) and (not entry.fuzzy or draft)
        if entry is not None and link is not None:
            problems.append(Problem(path, entry.lineno, link))
        elif usable and message.text in misplaced:
            problems.extend(refuse_or_warn(misplaced[message.text], draft, "the English text"))
        elif usable:
            translations[message.text] = string
        elif not lang.startswith("en"):
            state = "fuzzy" if string else "untranslated"
            problems.append(
                Problem(path, entry.lineno if entry is not None else None, f'{state}: "{message.text}"')
            )
    return Interface(lang, translations), problems


def misplaced_fields(catalog: Catalog | None, path: str, draft: bool) -> dict[str, Problem]:
    """The interface messages of ``catalog`` whose translation's ``{name}`` fields are not the message's.

    :meth:`Interface.text` fills exactly the message's fields: one renamed
    would be a ``KeyError``, one dropped a folio without its number. By
    message id; fuzzy translations only in a draft (a release prints none).

    >>> catalog = Catalog(locale="de")
    >>> _ = catalog.add("By {names}", "Von {namen}", lineno=7), catalog.add("Contents", "Inhalt")
    >>> print(*misplaced_fields(catalog, "ui.po", draft=False).values())
    ui.po:7: expected the placeholders of the msgid ({names}), found {namen}
    """
    found: dict[str, Problem] = {}
    for message in UI_MESSAGES:
        entry = catalog.get(message.text) if catalog is not None else None
        if entry is None or (entry.fuzzy and not draft):
            continue
        string = message_string(entry)
        problem = compare_brace_fields(message.text, string) if string else None
        if problem is not None:
            found[message.text] = Problem(path, entry.lineno, problem)
    return found


def refuse_or_warn(problem: Problem, draft: bool, instead: str) -> list[Problem]:
    """A release refuses ``problem``; a draft warns that it prints ``instead``, and goes on."""
    if not draft:
        return [problem]
    log.warning("%s; the draft prints %s", problem, instead)
    return []

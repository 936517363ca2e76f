"""A language's catalog + its region's → the catalog a regional edition reads; template → regional catalog.

A regional catalog (``locales/en_US/LC_MESSAGES/<slug>.po``, ``…/ui.po``) says
only what a region writes otherwise than its language's catalog: US spelling
and terms ("program", "sister city") over the British ``en``. Its convention:

* it holds **every message of the template**, like any catalog, so that
  ``make catalogs`` updates it the same way (a changed French message comes
  back fuzzy with its previous msgid, a removed one becomes obsolete) and a
  translator sees every message in a PO editor;
* an **empty msgstr inherits** the language's translation: it is no
  "untranslated" message, and no build fails on it;
* only a **reviewed** (non-fuzzy) msgstr overrides. A fuzzy one is ignored by
  a release (``jumelage check`` warns about it) and used by a draft.

An obsolete entry with an empty msgstr carries nothing and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string, messages, new_catalog, update_catalog
from pipeline.text import base_language

#: The header comment of a new regional catalog; ``{region}``/``{lang}`` are catalog codes.
REGIONAL_HEADER = (
    "# {name} overrides of the {language} translation of\n"
    "# {project}.\n"
    '# An empty msgstr means "use locales/{lang}"; only a reviewed (not fuzzy)\n'
    "# msgstr overrides it. This file is distributed under the same license as\n"
    "# the jumelage project.\n#"
)


def overlay_region(catalog: Catalog, overrides: Catalog | None, draft: bool = False) -> Catalog:
    """``catalog`` with the overrides of ``overrides`` put in place (``catalog`` is changed).

    A release takes only reviewed overrides; a draft takes fuzzy ones too, and
    the message becomes fuzzy, so that the draft is marked as one.

    >>> base, region = Catalog(locale="en"), Catalog(locale="en_US")
    >>> _ = base.add("programme", "programme"), base.add("ville", "town")
    >>> _ = region.add("programme", "program"), region.add("ville", "city", flags={"fuzzy"})
    >>> [message.string for message in overlay_region(base, region) if message.id]
    ['program', 'town']
    """
    if overrides is None:
        return catalog
    for message in overrides:
        entry = catalog.get(message.id) if message.id else None
        if entry is None or not message_string(message):
            continue
        if not message.fuzzy:
            entry.string = message.string
        elif draft:
            entry.string = message.string
            entry.flags.add("fuzzy")
    return catalog


def new_regional_catalog(template: Catalog, region: str) -> Catalog:
    """A regional catalog with every message of ``template``, each inheriting (empty msgstr).

    >>> template = Catalog(project="ui")
    >>> _ = template.add("Twinned with Rennes since {year}")
    >>> catalog = new_regional_catalog(template, "en_US")
    >>> catalog.header_comment.splitlines()[0]
    '# English (United States) overrides of the English translation of'
    >>> [(message.id, message_string(message)) for message in catalog if message.id]
    [('Twinned with Rennes since {year}', '')]
    """
    language = base_language(region)
    catalog = new_catalog(template, region)
    catalog.header_comment = REGIONAL_HEADER.format(
        name=Locale.parse(region).english_name,
        language=Locale.parse(language).english_name,
        project=template.project,
        lang=language,
    )
    return catalog


def update_regional_catalog(catalog: Catalog, template: Catalog) -> Catalog:
    """Bring a regional catalog in line with ``template``, like any catalog; drop what carried nothing.

    An override whose French changed comes back fuzzy with its previous msgid
    (Babel matches only messages that have a msgstr); a removed override
    becomes obsolete; a removed empty entry is dropped.
    """
    update_catalog(catalog, template)
    for key in [key for key, message in catalog.obsolete.items() if not message_string(message)]:
        del catalog.obsolete[key]
    return catalog


@dataclass(frozen=True)
class OverrideStats:
    """Counts of one regional catalog, for ``jumelage stats``: overrides, not translations."""

    overrides: int
    fuzzy: int
    inherited: int

    def __str__(self) -> str:
        return f"{self.overrides} overrides, {self.fuzzy} fuzzy, {self.inherited} inherited"


def count_overrides(catalog: Catalog) -> OverrideStats:
    """Reviewed overrides, fuzzy ones (ignored by a release), and messages that inherit the language's.

    >>> region = Catalog(locale="en_US")
    >>> _ = region.add("a", "program"), region.add("b", "city", flags={"fuzzy"}), region.add("c", "")
    >>> print(count_overrides(region))
    1 overrides, 1 fuzzy, 1 inherited
    """
    overrides = fuzzy = inherited = 0
    for message in messages(catalog):
        if not message_string(message):
            inherited += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            overrides += 1
    return OverrideStats(overrides, fuzzy, inherited)

"""A language's catalog + its region's catalog → the catalog a regional edition reads.

A regional catalog (``en_US``) holds only the messages a region says
otherwise; its reviewed translations override the language's own. Untranslated
and fuzzy regional entries are ignored, so a draft never leaks into a release.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog


def overlay_region(catalog: Catalog, overrides: Catalog | None) -> Catalog:
    """``catalog`` with the reviewed messages of ``overrides`` put in place (``catalog`` is changed).

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
        if entry is not None and message.string and not message.fuzzy:
            entry.string = message.string
    return catalog

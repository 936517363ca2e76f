"""Gettext catalogs: PO bytes ↔ catalogs, templates → updated catalogs, regional overlays, XLIFF.

``po``       PO text ↔ Babel catalogs (strict reading, deterministic writing), update, counts
``regions``  a language's catalog + its region's (``en_US``) → the catalog a regional edition reads
``xliff``    a catalog ↔ XLIFF 1.2 for CAT tools: export, and an import checked against the catalog
"""

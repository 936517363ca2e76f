"""Gettext catalogs: PO bytes ↔ catalogs, templates → updated catalogs, regional overlays.

``po``       PO text ↔ Babel catalogs (strict reading, deterministic writing), update, counts
``regions``  a language's catalog + its region's (``en_US``) → the catalog a regional edition reads
"""

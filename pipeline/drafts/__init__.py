"""Machine drafts: untranslated messages → fuzzy drafts for a person to review.

``engines``    engine name + language pair → a client (deep-translator's, through a session; pseudo)
``runner``     texts + engine → drafts, several at once, the session retrying, progress by callback
``policy``     catalogs + memory + engine → fuzzy drafts in the catalogs, and a report
``memory``     reviewed translations → exact and close matches; TMX in and out
``glossary``   kept names and official translations of institutions
``termbase``   the glossary ↔ TBX (TBX-Basic, v3 out, v3 and v2 in) for CAT tools' term bases
"""

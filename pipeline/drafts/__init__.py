"""Machine drafts: untranslated messages → fuzzy drafts for a person to review.

``translate``  engines (deep-translator), the concurrent runner, the drafting policy
``memory``     reviewed translations → exact and close matches; TMX in and out
``glossary``   kept names and official translations of institutions
"""

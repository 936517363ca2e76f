"""jumelage: one French article in; print, web and e-book editions out, in every twin city's language.

The modules are the pipeline, in order:

``document``     Markdown → front matter, body and translatable segments (the one parser)
``extract``      document → template catalog (POT)
``catalogs``     PO bytes ↔ catalogs; template + catalog → updated catalog
``apply``        document + catalog → translated document (release or draft policy)
``typography``   translated text → text set by its language's rules (spaces, quotes, names)
``ui``           interface words (gettext domain ``ui``) and CLDR names and dates
``render_html``  translated document → HTML page (pandoc)
``render_pdf``   HTML page → PDF (WeasyPrint)
``render_epub``  translated document → EPUB 3 (pandoc)
``translate``    untranslated messages → fuzzy machine drafts (deep-translator); ``memory``, ``glossary``
``check``        catalogs → QA findings; ``review`` findings → a reviewer's HTML page
``workflow``     the stages wired to files; ``cli`` the command line over it
"""

__version__ = "0.1.0"

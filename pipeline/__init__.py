"""jumelage: one French article in; print, web and e-book editions out, in every twin city's language.

The modules are the pipeline, in order:

``document``        Markdown → front matter, body and translatable segments (the one parser)
``extract``         document → template catalog (POT)
``catalogs``        PO bytes ↔ catalogs; template + catalog → updated catalog
``apply``           document + catalog → translated document (release or draft policy)
``typography``      translated text → text set by its language's rules (spaces, quotes, names)
``ui``              interface words (gettext domain ``ui``) and CLDR names and dates
``metadata``        front matter + interface words → byline, reading time, colophon
``render_html``     translated document → HTML page (pandoc, see ``pandoc``)
``render_pdf``      HTML page → PDF (WeasyPrint); brochure page → screen PDF/UA
``render_epub``     translated document → EPUB 3 (pandoc), with ``render_cover``
``editions``        editions.yml → partner-city editions; ``render_brochure`` their pages
``impose``          screen PDF → print-shop PDF (bleed, marks, 4n) and booklet; ``proof`` PNGs
``render_site``     articles per language → the web edition's index
``translate``       untranslated messages → fuzzy machine drafts; ``memory``, ``glossary``, ``placeholders``
``check``           catalogs → QA findings; ``review`` findings → a reviewer's HTML page
``workflow``        the stages wired to files (``fileio``, ``project``); ``cli`` the command line over it
``service``         build commands → warm worker processes, reached by make through ``client``
"""

__version__ = "0.1.0"

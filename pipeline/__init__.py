"""jumelage: one French article in; print, web and e-book editions out, in every twin city's language.

The package is the pipeline, in order (each layer imports only from the ones above it):

``errors``, ``fileio``, ``project``, ``text``
                    user errors; atomic writes; where things live; small text helpers
``document``        Markdown → front matter, body and translatable segments (the one parser)
``placeholders``    inline Markdown ↔ plain text with numbered placeholders
``typography``      translated text → text set by its language's rules (spaces, quotes, names)
``catalogs/``       PO bytes ↔ catalogs; template + catalog → updated catalog; regional overlays
``extract``         document → template catalog (POT)
``apply``           document + catalog → translated document (release or draft policy)
``drafts/``         untranslated messages → fuzzy machine drafts; memory, glossary
``render/``         translated document → HTML page, A5 PDF, EPUB 3, site index
``press/``          partner-city editions → brochure, print-shop PDF, booklet, proofs
``qa/``             catalogs → QA findings → a reviewer's page; built PDFs → preflight problems
``workflow/``       the stages wired to files, one module per product; ``build`` runs a language's jobs
``cli``             the command line over ``workflow``
"""

__version__ = "0.1.0"

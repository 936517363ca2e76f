"""Translated article → the reader's formats: HTML page, A5 PDF, EPUB 3; the site's index, feeds, sitemap.

``pandoc``       Markdown + metadata (or pandoc's JSON) → HTML or EPUB, through pandoc (sandboxed)
``ui``           interface words (gettext domain ``ui``) and CLDR names and dates
``metadata``     front matter + interface words → kicker, bylines, reading time, colophon
``figures``      Markdown + image bytes → figures with alt text and caption, images embedded
``article``      translated document + interface words → one renderer's input (``ArticleInputs``)
``html``         translated document → HTML page
``sanitise``     pandoc's HTML → what an allow-list keeps of it (the second wall against markup)
``pdf``          HTML page → PDF (WeasyPrint), reading only the outputs folder
``boxes``        WeasyPrint's laid-out boxes → pages, lines and spans (the one adapter to its internals)
``fonts``        the bundled fonts → the only fonts a layout uses, and the characters they lack
``markup``       HTML as written → its tags and text with offsets, and edits spliced in
``hyphenation``  a laid-out document → at most two hyphenated lines in a row
``wide``         tables wider than the text → scrolling, or smaller type, then parts; long words broken
``palette``      the stylesheet's ``:root`` colours → what Python draws in them
``cover``        title and language → the e-book's cover image (PNG)
``epub``         translated document → EPUB 3, with ``cover``
``book``         translated collection and its articles → one EPUB 3, each article a chapter
``site``         articles per language → the web edition's index
``collection``   translated collection + its articles' entries → the collection's web page
``feed``         the articles a language publishes → its Atom feed
``sitemap``      the site's pages, as their heads declare them → ``sitemap.xml`` and ``robots.txt``
"""

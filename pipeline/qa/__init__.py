"""Quality assurance: catalogs → findings, and findings → a reviewer's page.

``checks``  small registered checks over one message, each with a severity
``review``  a catalog and its findings → side-by-side review page (HTML)
"""

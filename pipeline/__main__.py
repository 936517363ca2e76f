"""``python -m pipeline`` runs the ``jumelage`` command line."""

import sys

from .cli import main

sys.exit(main())

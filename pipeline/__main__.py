"""``python -m pipeline`` runs the ``jumelage`` command line."""

import sys

from pipeline.cli import main

sys.exit(main())

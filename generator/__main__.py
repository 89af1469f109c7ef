"""`python -m generator` runs the clientgen command."""

import sys

from .cli import main

sys.exit(main())

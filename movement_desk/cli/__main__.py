"""``python -m movement_desk.cli [...]`` does what ``movement-desk [...]`` does."""

import sys

from movement_desk.cli import main

sys.exit(main())

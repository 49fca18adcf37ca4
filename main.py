"""Start movement_desk: ``python main.py [...]`` does what ``movement-desk [...]`` does."""

import sys

from movement_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())

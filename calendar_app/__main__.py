"""``python -m calendar_app``: the same as the ``cadence`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The program PyInstaller builds (see build.spec): the ``cadence`` command, frozen.

PyInstaller runs this file as ``__main__``, so it imports the package absolutely
(``calendar_app/__main__.py`` cannot serve: its import is relative).
"""

import sys

from calendar_app.cli import main

if __name__ == "__main__":
    sys.exit(main())

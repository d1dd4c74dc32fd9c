"""`python -m liveline`: the same as the `liveline` command."""

import sys

from liveline.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

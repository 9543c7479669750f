"""`python -m reader` runs the same command line as `parallel-reader`."""

import sys

from reader.cli import main

if __name__ == "__main__":  # not when a child process imports this module as its main one
    sys.exit(main())

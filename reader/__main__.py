"""`python -m reader` runs the same command line as `parallel-reader`."""

import sys

from reader.cli import main

sys.exit(main())

"""``python -m stackguides.cli``: the same as the ``stackguides`` command."""

import sys

from stackguides.cli.main import main

sys.exit(main())

"""Stage 5, the command line: ``stackguides validate``, ``new``, ``export``, ``schemas`` and the network checks."""

from stackguides.cli.main import main

__all__ = ["main"]

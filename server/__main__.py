"""The `cafe` command's entry point: eventlet first, then `server.cli.main`."""

# Monkey-patching must come before anything imports socket, threading or ssl, so it
# is done here, in the entry point, and nowhere else.
import warnings

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import sys  # noqa: E402

from .cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

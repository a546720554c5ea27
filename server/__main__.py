"""The `cafe` command: `cafe serve` runs the app under eventlet."""

# Monkey-patching must come before anything imports socket, threading or ssl, so it
# is done here, in the entry point, and nowhere else.
import warnings

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from .cli import serve  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand; return the exit status."""
    parser = argparse.ArgumentParser(prog="cafe", description="World Café board")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="run the web server")
    env = os.environ
    run.add_argument("--host", default=env.get("CAFE_HOST", env.get("HOST", "127.0.0.1")))
    run.add_argument("--port", type=int, default=int(env.get("CAFE_PORT", env.get("PORT", "5000"))))
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())

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

from . import commands  # noqa: E402
from .cli import serve  # noqa: E402
from .export import FORMATS  # noqa: E402
from .many import serve_many  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand; return the exit status."""
    parser = argparse.ArgumentParser(prog="cafe", description="World Café board")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="run the web server")
    env = os.environ
    run.add_argument("--host", default=env.get("CAFE_HOST", env.get("HOST", "127.0.0.1")))
    run.add_argument("--port", type=int, default=int(env.get("CAFE_PORT", env.get("PORT", "5000"))))
    run.add_argument("--processes", type=int, default=int(env.get("CAFE_PROCESSES", "1")),
                     help="serve from N processes on consecutive ports, sharing one Redis")
    run.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    sub.add_parser("demo", help="create a complete demo workshop and print its links")
    out = sub.add_parser("export", help="write a workshop's report or data")
    out.add_argument("code", help="the workshop's join code")
    out.add_argument("--format", choices=sorted(FORMATS), default="md")
    out.add_argument("-o", "--output", help="a file or a folder (default: standard output)")
    into = sub.add_parser("import", help="load a workshop exported as JSON")
    into.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "serve" and args.processes > 1:
        return serve_many(args.host, args.port, args.processes)
    if args.command == "serve":
        return serve(args.host, args.port, quiet=args.quiet)
    if args.command == "demo":
        return commands.run(commands.demo)
    if args.command == "export":
        return commands.run(lambda: commands.export(args.code, args.format, args.output))
    if args.command == "import":
        return commands.run(lambda: commands.import_(args.file))
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())

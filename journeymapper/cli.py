"""The ``journeymapper`` command. Each sub-command lives in ``journeymapper/commands/<name>.py``
and exposes ``register(subparsers)``; a command's handler returns the exit status.

Bad input exits with status 2 and one line on stderr naming the file and the problem.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from journeymapper import __version__

# Order is the order of --help.
COMMANDS = ("open", "sample", "new", "info", "analyze", "export", "import")


class UserError(Exception):
    """A problem with the user's input: printed as one line, exit status 2."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, just that sub-command is registered (its module
    alone is imported: ``journeymapper PATH`` does not load the other commands' imports)."""
    parser = argparse.ArgumentParser(
        prog="journeymapper",
        description="Customer-journey workshops on a live, analysed swimlane map. "
                    "Run with a .jmw file to open it in the window, or with no arguments for the "
                    "start page.",
    )
    parser.add_argument("--version", action="version", version=f"JourneyMapper {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in COMMANDS else COMMANDS:
        importlib.import_module(f"journeymapper.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `journeymapper PATH [--screenshot X]` means `journeymapper open ...`; no argument: start page.
    if not args_list or (args_list[0] not in COMMANDS
                         and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["open", *args_list]
    # A known command without help asked for needs only its own module; anything else (help,
    # a typo) gets the full parser, so usage and error messages list every command.
    wants_help = any(a in ("-h", "--help") for a in args_list)
    parser = build_parser(None if wants_help else args_list[0])
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(f"journeymapper: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `journeymapper analyze X | head`: the reader has seen enough
        # Python would report the pipe again when it flushes stdout at exit; point it nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

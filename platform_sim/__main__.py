"""``python -m platform_sim platform serve|seed|enrol-code|revoke|codes``."""

from __future__ import annotations

import argparse
import sys

from platform_sim.cli import add_platform_parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen platform subcommand."""
    parser = argparse.ArgumentParser(prog="python -m platform_sim", description="Reference platform server (平台模拟).")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_platform_parser(subparsers)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

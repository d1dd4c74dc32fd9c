"""The README documents the whole command line: every subcommand and every option.

Walks the argparse parser itself, so a new command or option fails here until the
README says what it does (as sqlite-utils checks its CLI reference against its docs).
"""

from __future__ import annotations

import argparse
import re

import pytest

from liveline.cli.parser import build_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


# argparse has no public way to list a parser's actions; these attributes have been stable since Python 3.2.
def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return {
        name: subparser
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, subparser in action.choices.items()
    }


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions for option in action.option_strings if option not in ("-h", "--help")]


PARSER = build_parser()
COMMANDS = _subcommands(PARSER)
OPTIONS = [("liveline", option) for option in _options(PARSER)] + [
    (name, option) for name, subparser in COMMANDS.items() for option in _options(subparser)
]


def _mentioned(word: str) -> bool:
    """`word` stands on its own in the README (`--date` is not found inside `--dates`)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", README) is not None


def test_the_parser_has_the_commands_this_test_walks():
    assert {"ingest", "follow", "sources", "posts", "speakers", "events", "export", "print"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_subcommand_is_in_the_readme(command):
    assert f"liveline {command}" in README


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_every_option_is_in_the_readme(command, option):
    assert _mentioned(option), f"`{command} {option}` is not in README.md"

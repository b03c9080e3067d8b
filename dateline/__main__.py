"""`python -m dateline`: the `dateline` command."""

from .cli import cli

cli(prog_name="dateline")

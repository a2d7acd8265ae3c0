"""``python -m pressgen``: the command line."""

from .cli import run

run()

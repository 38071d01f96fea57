"""`python -m assistant` is the `hds-assistant` command."""
from assistant.cli import run

run()

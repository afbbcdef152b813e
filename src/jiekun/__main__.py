"""``python -m jiekun``: the same as the ``jiekun`` command."""

from jiekun.cli import main

main()

"""The ``jiekun`` command: options, one module per group of commands, nothing else."""

from jiekun.cli.app import app, main

__all__ = ["app", "main"]

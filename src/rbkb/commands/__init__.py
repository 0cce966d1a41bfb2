"""CLI sub-commands: plain functions returning an exit code."""

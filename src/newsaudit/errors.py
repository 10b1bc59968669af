"""Errors every command shares."""


class UsageError(Exception):
    """Bad usage or unusable input: the command exits with status 2 and this one-line message."""

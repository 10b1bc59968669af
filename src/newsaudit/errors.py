"""Errors every command shares."""


class UsageError(Exception):
    """Bad usage or unusable input: the command exits with status 2 and this one-line message."""


def one_line(error: BaseException, limit: int = 200) -> str:
    """'TypeName: first line of the message', for one-line reasons in run.json and on stderr."""
    lines = str(error).splitlines()
    return f"{type(error).__name__}: {lines[0][:limit]}" if lines else type(error).__name__

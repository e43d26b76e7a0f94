"""Errors that end a run with exit code 2 (usage, configuration or engine errors)."""


class FatalError(Exception):
    """A problem the user must fix before a scan can mean anything: bad flags, bad config,
    a policy that does not compile, invalid rule metadata. The CLI maps it to exit code 2."""

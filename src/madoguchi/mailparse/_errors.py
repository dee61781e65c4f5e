"""The package's one exception."""


class MailParseError(Exception):
    """The message cannot be read within the bounds (too big, too deep, not a message).

    The caller parks the raw bytes for an agent; the message says why, in English, for logs and
    the admin (it is never shown to a customer).
    """

"""placeholder"""


def scan(text, *, received_at, tz):
    return []

"""placeholder"""


def scan(text):
    return []

"""The demo's data directory: wiped and rebuilt on every run, but only if it is ours.

Imports no Django: the directory and the environment must be ready before settings load.

>>> # path = demo_dir_prepare(Path("var/demo"))
"""

from __future__ import annotations

import shutil
from pathlib import Path

from madoguchi.desk.server import ServeError

#: the file that marks a directory as ours to wipe; a directory without it is never deleted
DEMO_MARKER = ".madoguchi-demo"
DEFAULT_DEMO_DIR = Path("var") / "demo"


class DemoError(ServeError):
    """The demo cannot be set up (for example: the directory is not a demo directory)."""


def demo_dir_prepare(path: Path) -> Path:
    """Wipe and recreate ``path`` if it is a demo directory (or absent, or empty).

    Refuses (:class:`DemoError`) to delete anything that does not carry :data:`DEMO_MARKER`.
    """
    path = path.expanduser().resolve()
    if path.exists():
        if not path.is_dir():
            raise DemoError(f"{path} exists and is not a directory; choose another --data-dir")
        if any(path.iterdir()):
            if not (path / DEMO_MARKER).is_file():
                raise DemoError(
                    f"{path} is not a madoguchi demo directory (it has no {DEMO_MARKER} file), "
                    "so it is not deleted; choose another --data-dir"
                )
            shutil.rmtree(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / DEMO_MARKER).write_text(
            "Created by `madoguchi demo`. This directory is deleted and rebuilt on every run.\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise DemoError(f"cannot create {path}: {exc.strerror or exc}") from None
    return path


def demo_environment(data_dir: Path, *, site_url: str) -> dict[str, str]:
    """What the demo puts into the environment before Django starts."""
    return {
        "MADOGUCHI_MODE": "demo",
        "MADOGUCHI_DATA_DIR": str(data_dir),
        "MADOGUCHI_SITE_URL": site_url,
        # demo e-mails (sign-in links) are printed on the console, never sent
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }

"""The guard's browser test reuses the browser suite's Chromium settings."""

from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401

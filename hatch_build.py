"""Build hook: refuse to build a wheel without the pinned htmx, which the app cannot work without."""
from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

HTMX = Path("static") / "vendor" / "htmx.min.js"


class CustomBuildHook(BuildHookInterface):
    """Check that static/vendor/htmx.min.js is there before a (non-editable) wheel is built."""

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return  # an editable install serves static/ from the checkout
        if not (Path(self.root) / HTMX).is_file():
            raise FileNotFoundError(
                f"{HTMX} is missing: it comes from npm, not from git. Run `make dist` (or "
                "`make install`), which fetches the version package-lock.json pins, then build again.")

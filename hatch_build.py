"""Build hook: map the top-level templates/ and static/ into the wheel's package, htmx included.

The repository keeps templates/ and static/ at its top level; an installed app finds them inside
the package (searchapp/config.py). static/vendor/htmx.min.js is git-ignored (it comes from npm),
which hatchling honours unless a path is forced in, so a wheel built without it would lack htmx:
the hook refuses to build one. Editable installs serve both folders from the checkout and get
neither the copies nor the check.
"""
from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

FOLDERS = ("templates", "static")
HTMX = Path("static") / "vendor" / "htmx.min.js"


class CustomBuildHook(BuildHookInterface):
    """Force templates/ and static/ into searchapp/ of a standard wheel, after checking htmx is there."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        if not (root / HTMX).is_file():
            raise FileNotFoundError(
                f"{HTMX} is missing: it comes from npm, not from git. Run `make dist` (or "
                "`make install`), which fetches the version package-lock.json pins, then build again.")
        for folder in FOLDERS:
            build_data["force_include"][str(root / folder)] = f"searchapp/{folder}"

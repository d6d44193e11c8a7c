"""The wheel holds the whole app (every subpackage, templates, static, htmx); config finds them either way."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from searchapp import config

PROJECT_DIR = Path(__file__).resolve().parent.parent
HTMX = PROJECT_DIR / "static" / "vendor" / "htmx.min.js"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel of this checkout, built as `make dist` does (without the isolated environment)."""
    assert HTMX.is_file(), "static/vendor/htmx.min.js is missing: run `make install` first"
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(PROJECT_DIR)],
                   check=True, capture_output=True)
    [built] = out.glob("searchapp-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_wheel_holds_every_module_of_every_subpackage(wheel):
    expected = {path.relative_to(PROJECT_DIR).as_posix()
                for path in (PROJECT_DIR / "searchapp").rglob("*.py")}
    packed = {name for name in wheel.namelist() if name.endswith(".py")}
    assert expected - packed == set()
    assert {"searchapp/corpus/__init__.py", "searchapp/entities/__init__.py"} <= packed


def test_wheel_holds_templates_static_and_the_pinned_htmx(wheel):
    names = set(wheel.namelist())
    for folder in ("templates", "static"):
        for path in (PROJECT_DIR / folder).rglob("*"):
            if path.is_file():
                assert f"searchapp/{path.relative_to(PROJECT_DIR).as_posix()}" in names, path
    assert wheel.read("searchapp/static/vendor/htmx.min.js") == HTMX.read_bytes()


def test_wheel_has_the_searchapp_command_and_no_caches(wheel):
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "searchapp = searchapp.cli:cli" in wheel.read(entry_points).decode()
    assert not [n for n in wheel.namelist() if "__pycache__" in n or n.endswith(".pyc")]


def test_a_checkout_finds_templates_and_static_at_the_top_level():
    assert config.app_dir(PROJECT_DIR / "searchapp") == PROJECT_DIR
    assert config.TEMPLATES_DIR == PROJECT_DIR / "templates"
    assert config.STATIC_DIR == PROJECT_DIR / "static"
    assert not config.is_installed(PROJECT_DIR / "searchapp")


def test_an_installed_package_finds_them_inside_itself(tmp_path):
    package = tmp_path / "site-packages" / "searchapp"
    (package / "templates").mkdir(parents=True)
    (package / "static").mkdir()
    assert config.app_dir(package) == package
    assert config.is_installed(package)

"""The README documents every CLI command and URL parameter (a light form of a docs check)."""
import re
from pathlib import Path

from searchapp import schema
from searchapp.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    for name in cli.commands:
        assert f"searchapp {name}" in README, name


def test_every_url_parameter_is_in_the_readme():
    params = ["q", "from", "to", "sort", "page", "more", "mentioned", "country"]
    params += [f.param for f in schema.FACETS] + [f"not_{f.param}" for f in schema.FACETS]
    table = README.split("### URL parameters", 1)[1]
    for param in params:
        assert re.search(rf"`{param}`", table), param


def test_quick_start_is_the_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick and "make test" in quick


def test_entity_page_urls_are_in_the_readme():
    for url in ("/people/<name>", "/places/<name>", "/orgs/<name>", "/api/people/<name>",
                "/api/places/<name>", "/api/orgs/<name>"):
        assert f"`{url}`" in README, url

"""The article page marks the words of the query it came from exactly as the search's snippet did."""
import re

import pytest
from bs4 import BeautifulSoup


def marked_in_snippet(client, q: str, article_id: str) -> set[str]:
    hits = client.get("/api/search", query_string={"q": q}).get_json()["hits"]
    snippet = next(h["snippet"] for h in hits if h["id"] == article_id)
    return {m.lower() for m in re.findall(r"<mark[^>]*>(.*?)</mark>", snippet)}


def marked_on_page(client, q: str, article_id: str) -> set[str]:
    response = client.get(f"/articles/{article_id}", query_string={"q": q})
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {m.get_text().lower() for m in page.select(".article-body mark")}


@pytest.mark.parametrize("q, marked", [
    ("putin coop", {"putin", "cooperation"}),  # "coop" is being typed: its expansion is marked
    ("presid", {"president"}),
    ("putin cooperation", {"putin", "cooperation"}),
])
def test_the_article_page_marks_what_the_snippet_marked(client, q, marked):
    assert marked_in_snippet(client, q, "wang-putin") == marked
    assert marked_on_page(client, q, "wang-putin") == marked


def test_the_article_page_without_a_query_marks_nothing(client):
    assert marked_on_page(client, "", "wang-putin") == set()

"""Read article files of every supported format into Articles, reporting bad files and records as Problems.

Formats: plain text (.txt), CSV/TSV, JSON and JSON Lines, Reuters-21578 SGML (.sgm) and saved
web pages (.html); anything else is listed as skipped. One module per format; `files` finds
the files and picks the reader.
"""
from searchapp.corpus.decoding import MAX_TEXT_BYTES
from searchapp.corpus.files import iter_files, read_articles, read_file
from searchapp.corpus.problems import CorpusError, FileResult, Problem

__all__ = ["MAX_TEXT_BYTES", "CorpusError", "FileResult", "Problem", "iter_files", "read_articles", "read_file"]

"""Read article files of every supported format into Articles, reporting bad files and records as Problems.

Formats: plain text (.txt), CSV/TSV, JSON and JSON Lines, Reuters-21578 SGML (.sgm) and saved
web pages (.html); anything else is listed as skipped. One module per format; `files` finds
the files (`selection` decides which to take) and picks the reader.
"""
from searchapp.corpus.decoding import MAX_TEXT_BYTES
from searchapp.corpus.files import Selection, Skipped, iter_files, read_articles, read_file, select_files
from searchapp.corpus.problems import CorpusError, FileResult, Problem
from searchapp.corpus.selection import IGNORE_FILE, FileRules

__all__ = ["IGNORE_FILE", "MAX_TEXT_BYTES", "CorpusError", "FileResult", "FileRules", "Problem",
           "Selection", "Skipped", "iter_files", "read_articles", "read_file", "select_files"]

"""The content analysis on both engines: the tests of tests/core/test_content_analysis.py that send their own SQL
(the category table, word counts and cases; phrases; co-occurrence by sentence and by window; a dictionary's hits)
collected a second time with the ``world`` of tests/core/engines.py, on an SQLite file and on a PostgreSQL database,
with the same expected numbers."""

from __future__ import annotations

from tests.core import test_content_analysis as content
from tests.core.engines import world

test_category_table_from_generic_occurrences = content.test_category_table_from_generic_occurrences
test_category_table_of_codes_by_mode_and_by_case = content.test_category_table_of_codes_by_mode_and_by_case
test_phrase_finder_counts_phrases_without_stop_word_edges = content.test_phrase_finder_counts_phrases_without_stop_word_edges
test_word_cooccurrence_by_sentence_window_and_document = content.test_word_cooccurrence_by_sentence_window_and_document
test_category_cooccurrence_of_codes = content.test_category_cooccurrence_of_codes
test_category_table_of_a_dictionarys_hits = content.test_category_table_of_a_dictionarys_hits

__all__ = ["world"]

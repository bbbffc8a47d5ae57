"""The analysis suite on both engines: representative tests of the analysis modules — one or more for every
query the analyses send to the database (word and code frequencies with word shares, co-occurrence by overlap and
by turn, the framework matrix and its cell quotes and summaries, crosstabs, retrieval per coder, pooled, filtered
and paged, search and coding its hits) — run in their own modules on an SQLite file and here on a PostgreSQL
database, with the same expected numbers: the analyses give the same results on a server.

The tests are the modules' own functions, collected here a second time with the ``world`` of tests/core/engines.py,
parametrised through ``engine_name`` (the SQLite half repeats the modules' own run, cheaply, so each chosen test
shows both engines side by side).
tests/server/test_analysis_pg.py compares every analysis's whole output between the engines.
"""

from __future__ import annotations

from tests.core import test_analysis_counts as counts
from tests.core import test_analysis_matrix as matrix
from tests.core import test_analysis_retrieval as retrieval
from tests.core import test_analysis_search as search
from tests.core.engines import world


test_word_frequencies_per_case_and_group = counts.test_word_frequencies_per_case_and_group
test_code_frequencies_by_role_at_level3 = counts.test_code_frequencies_by_role_at_level3
test_share_of_words_coded_counts_overlaps_once = counts.test_share_of_words_coded_counts_overlaps_once
test_cooccurrence_counts_within_one_coder = counts.test_cooccurrence_counts_within_one_coder
test_matrix_level3_by_alliance_mode = matrix.test_matrix_level3_by_alliance_mode
test_cell_quotes_follow_the_cell = matrix.test_cell_quotes_follow_the_cell
test_cell_summaries_are_stored_audited_and_undoable = matrix.test_cell_summaries_are_stored_audited_and_undoable
test_crosstab_counts_participants = matrix.test_crosstab_counts_participants
test_one_code_one_coder_with_context_speaker_and_case = retrieval.test_one_code_one_coder_with_context_speaker_and_case
test_all_coders_then_consensus_only = retrieval.test_all_coders_then_consensus_only
test_descendants_case_and_group_filters = retrieval.test_descendants_case_and_group_filters
test_paging_is_a_window_of_the_full_order = retrieval.test_paging_is_a_window_of_the_full_order
test_a_page_of_a_frequent_code_equals_the_same_window_of_all_its_segments = (
    retrieval.test_a_page_of_a_frequent_code_equals_the_same_window_of_all_its_segments)
test_kwic_context_in_characters_and_words = search.test_kwic_context_in_characters_and_words
test_scope_limits_documents_and_limit_stops_early = search.test_scope_limits_documents_and_limit_stops_early
test_code_hits_applies_once_and_returns_the_new_uuids = search.test_code_hits_applies_once_and_returns_the_new_uuids

__all__ = ["world"]

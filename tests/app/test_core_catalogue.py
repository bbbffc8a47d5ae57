"""In the GUI, the Qt-free core's texts come from the compiled catalogue the window installed (issue 13): the start
does not parse the 3,000-entry .ts a second time, and every entry reads the same as from the .ts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import i18n
from coding import i18n as core_i18n

COUNTS = (1, 3, 12_345)  # one, a few, and one with grouped digits (%Ln)


@pytest.fixture
def restored(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """English again afterwards (the core back on its .ts), the .ts read afresh by whatever test comes next."""
    try:
        yield
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)
        core_i18n.catalogue.cache_clear()


def _every_reading(entries: dict[tuple[str, str, str], core_i18n.Entry]) -> dict[tuple[str, str, str, int], str]:
    """Each catalogue entry through ``core_i18n.translate``: once, or once per count for a plural message."""
    read: dict[tuple[str, str, str, int], str] = {}
    for context, source, comment in entries:
        for n in COUNTS if i18n.is_plural(source) else (-1,):
            read[(context, source, comment, n)] = core_i18n.translate(context, source, comment or None, n)
    return read


def test_the_core_reads_the_installed_qm_and_says_what_the_ts_says(restored: None) -> None:
    language = i18n.CHINESE
    entries = core_i18n.catalogue(language)
    assert entries, "the shipped catalogue is empty"
    core_i18n.catalogue.cache_clear()

    i18n.TRANSLATORS.install(language)
    from_qm = _every_reading(entries)
    assert core_i18n.catalogue.cache_info().currsize == 0, "the core parsed the .ts although Qt had the .qm"

    core_i18n.use_loaded_catalogue(None)  # as the CLI and exports in another language read it: from the .ts
    from_ts = _every_reading(entries)
    assert core_i18n.catalogue.cache_info().currsize == 1
    assert {key: text for key, text in from_qm.items() if from_ts[key] != text} == {}
    assert sum(text != key[1] for key, text in from_qm.items()) > len(from_qm) // 2  # translations compared


def test_a_thread_writing_another_language_still_reads_its_ts(restored: None) -> None:
    """An export in English while the interface is Chinese (``use_language``) is not answered by Qt's Chinese."""
    i18n.TRANSLATORS.install(i18n.CHINESE)
    context, source = "AgreementForm", "%Ln coding(s)"
    assert core_i18n.translate(context, source, None, 1234) == "1,234 个编码片段"
    with core_i18n.use_language(i18n.ENGLISH):
        assert core_i18n.translate(context, source, None, 1234) == "1,234 codings"
    i18n.TRANSLATORS.install(i18n.ENGLISH)
    with core_i18n.use_language(i18n.CHINESE):
        assert core_i18n.translate(context, source, None, 1) == "1 个编码片段"

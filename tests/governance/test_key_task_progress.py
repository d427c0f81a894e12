"""A key task's 进展情况 cell is read back as the export wrote it: the note after the first colon stays as typed,
colons and full-width characters included (found by the fuzzing of tests/fuzz, issue 13 item 10: a note of ":"
came back as "：", so the portal's own export re-imported as a change)."""

import pytest

from governance.models import KeyTask
from governance.resources.leadership import parse_progress, progress_cell
from tests.governance.factories import KeyTaskFactory


@pytest.mark.parametrize("note", ["", ":", "：", "第１次（试点）：已完成一半", "广场改造在建 ８０％", "(80%)"])
@pytest.mark.parametrize(("status", "progress"), [(KeyTask.Status.IN_PROGRESS, None), (KeyTask.Status.IN_PROGRESS, 80),
                                                  (KeyTask.Status.COMPLETED, None), (KeyTask.Status.COMPLETED, 100)])
def test_the_progress_cell_reads_back_as_stored(note, status, progress, daxi):
    task = KeyTaskFactory(township=daxi, status=status, progress=progress, progress_note=note)
    assert parse_progress(progress_cell(task)) == (status, progress, note)


def test_a_cell_in_the_ledgers_words_is_still_read():
    assert parse_progress("推进中（８０％）：广场改造在建") == (KeyTask.Status.IN_PROGRESS, 80, "广场改造在建")
    assert parse_progress("已完成") == (KeyTask.Status.COMPLETED, None, "")
    assert parse_progress("") == (KeyTask.Status.NOT_STARTED, None, "")

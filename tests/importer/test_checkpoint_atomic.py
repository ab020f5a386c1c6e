"""A checkpoint commit is one transaction: a failure part-way leaves nothing behind.

(The connection runs in autocommit mode; a SIGKILL between the "lines settled" and the "file
offset" statements once settled a batch whose bytes a resume then cut off.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.importer.checkpoint import Checkpoint


def test_commit_is_all_or_nothing(tmp_path: Path) -> None:
    cp = Checkpoint(tmp_path / "state.sqlite")
    cp.commit([("u", 1, 10)], [], meta={"part.events": "1:100:1000"})
    with pytest.raises(Exception):  # noqa: B017 - any failure of the second statement
        cp.commit([("u", 11, 20)], [("u", 11, "bad")], meta={"part.events": "1:200:2000"})  # malformed reject row
    assert cp.done_ranges() == {"u": [(1, 10)]}  # the first statement of the failed commit was rolled back
    assert cp.get_meta("part.events") == "1:100:1000"
    cp.commit([("u", 11, 20)], [], meta={"part.events": "1:200:2000"})  # and the connection is still usable
    assert cp.done_ranges() == {"u": [(1, 20)]}
    cp.close()


def test_commit_survives_reopen(tmp_path: Path) -> None:
    cp = Checkpoint(tmp_path / "state.sqlite")
    cp.commit([("u", 1, 5)], [], meta={"k": "v"})
    cp.close()
    again = Checkpoint(tmp_path / "state.sqlite")
    assert again.done_ranges() == {"u": [(1, 5)]} and again.get_meta("k") == "v"
    again.close()

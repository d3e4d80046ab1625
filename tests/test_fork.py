"""A fork while another thread holds the reference model's word-table lock must not leave the
child waiting for it (score_many(n_jobs=2) beside a scoring thread hung for good)."""

from __future__ import annotations

import os
import sys

import pytest
from lm_texts import REF_TEXTS

from spundetect import lm


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork on Linux")
def test_a_forked_child_gets_a_fresh_word_table_even_with_its_lock_held() -> None:
    ref = lm.build(REF_TEXTS)
    table = ref._table
    table._lock.acquire()  # as another thread adding words at the moment of the fork
    try:
        pid = os.fork()
        if pid == 0:  # the child: a new word must be added without waiting
            ok = ref._table is not table and ref._table._lock.acquire(timeout=5)
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
    finally:
        table._lock.release()
    assert os.waitstatus_to_exitcode(status) == 0
    # a table no thread was adding to is whole: the child keeps it, with the words it knows
    pid = os.fork()
    if pid == 0:
        os._exit(0 if ref._table is table else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0

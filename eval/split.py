"""The fixed rule that puts each question of a set in its `tune` or `test` part.

A question's part is decided by its key alone (its `id`, or its text in a set without ids):
the first 8 hex digits of SHA-256 of the key, as an integer, modulo 10; 0-3 is `test`, 4-9 is
`tune` (about 40 % test). The part is written in the data (`split:` on each question) and the
tests check that the written part is the rule's, so no question can be moved after a failure
was seen. Sets written as test sets from the start (`eval/strangers.yaml`) are all `test`.

No weight, lexicon entry or threshold may be fitted on a `test` question. This module does not
load or score questions.

>>> split_of("fact-fr-001") in PARTS
True
"""
from __future__ import annotations

import hashlib

PARTS = ("tune", "test")
TEST_SHARE = 4  # tenths of the set in the test part


def split_of(key: str) -> str:
    """`test` or `tune` for the question whose id (or text) is `key`."""
    digest = hashlib.sha256(key.strip().encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 10 < TEST_SHARE else "tune"

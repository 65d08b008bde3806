"""How extract_all groups paragraph pieces into parser batches."""

from __future__ import annotations

from graphbuilder.extract import _batches


def test_batches_keep_order_and_both_limits() -> None:
    items = [("a" * n, k) for k, n in enumerate([10, 10, 10, 50, 5, 5, 5, 5, 5])]
    groups = list(_batches(iter(items), max_count=4, max_chars=30))
    assert [x for g in groups for x in g] == items  # nothing lost, nothing reordered
    assert [[k for _, k in g] for g in groups] == [[0, 1, 2], [3], [4, 5, 6, 7], [8]]
    for g in groups:
        assert len(g) <= 4
        assert len(g) == 1 or sum(len(t) for t, _ in g) <= 30  # a longer text stands alone


def test_batches_of_nothing() -> None:
    assert list(_batches(iter([]), max_count=8, max_chars=100)) == []

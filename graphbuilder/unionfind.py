"""Union-find over the integers 0..n-1, for grouping mentions and gazetteer candidates."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of 0..n-1; every set is named by its smallest member.

    Naming sets by their smallest member keeps grouping deterministic: the representative
    of a group of mentions is the first one in the text, whatever order the joins came in.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The smallest member of ``i``'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]  # path halving
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        """Merge the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

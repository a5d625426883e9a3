#!/usr/bin/env python3
"""Checks what a guanxi store derives against its own mentions and units.

    check_store.py STORE           check; exit 1 with the first differences
    check_store.py --dump STORE    print the evidence by names and paths, one
                                   row a line, sorted (to compare two stores
                                   whose ids differ)

For every pair of entities named in one stored sentence: the edge exists,
its count is the number of such sentences and its cued count the number of
cued ones; its evidence rows are the first min(count, 8) of those
sentences, cued ones first, each kind in document order, ranked 0, 1, ...
No other edge or evidence row exists.
"""
import sqlite3
import sys
from collections import defaultdict

KEEP = 8  # GX_STORE_EVIDENCE


def shared_units(db):
    units = defaultdict(list)  # (a, b) -> [(cued, doc, idx)]
    rows = db.execute(
        """WITH mu AS (SELECT DISTINCT doc, unit, entity FROM mentions)
        SELECT x.entity, y.entity, x.doc, x.unit, u.cued FROM mu x
        JOIN mu y ON y.doc = x.doc AND y.unit = x.unit AND x.entity < y.entity
        JOIN units u ON u.doc = x.doc AND u.idx = x.unit""")
    for a, b, doc, idx, cued in rows:
        units[(a, b)].append((0 if cued else 1, doc, idx))
    for v in units.values():
        v.sort()
    return units


def check(path):
    db = sqlite3.connect(path)
    bad = []
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != 3:
        bad.append(f"user_version {version}, expected 3")
    units = shared_units(db)
    edges = {(a, b): (n, c) for a, b, n, c in db.execute("SELECT a, b, count, cued FROM edges")}
    stored = defaultdict(list)
    for a, b, rank, doc, idx in db.execute(
            "SELECT a, b, rank, doc, idx FROM evidence ORDER BY a, b, rank"):
        stored[(a, b)].append((rank, doc, idx))
    for key, us in units.items():
        want = (len(us), sum(1 for u in us if u[0] == 0))
        if edges.get(key) != want:
            bad.append(f"edge {key}: (count, cued) {edges.get(key)}, mentions say {want}")
        expect = [(r, doc, idx) for r, (_, doc, idx) in enumerate(us[:KEEP])]
        if stored.get(key, []) != expect:
            bad.append(f"evidence {key}: {stored.get(key)}, expected {expect}")
    for key in set(edges) - set(units):
        bad.append(f"edge {key} not backed by any sentence")
    for key in set(stored) - set(units):
        bad.append(f"evidence {key} of no pair")
    for line in bad[:20]:
        print("check_store:", line)
    if not bad:
        print(f"check_store: {path}: {len(edges)} edges, "
              f"{sum(len(v) for v in stored.values())} evidence rows ok")
    return 1 if bad else 0


def dump(path):
    db = sqlite3.connect(path)
    rows = db.execute(
        """SELECT min(ea.name, eb.name), max(ea.name, eb.name), v.rank, d.path, v.idx
        FROM evidence v JOIN entities ea ON ea.id = v.a JOIN entities eb ON eb.id = v.b
        JOIN documents d ON d.id = v.doc""")
    for row in sorted(rows):
        print("\t".join(map(str, row)))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        sys.exit(dump(sys.argv[2]))
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(check(sys.argv[1]))

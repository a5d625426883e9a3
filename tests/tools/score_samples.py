#!/usr/bin/env python3
"""Mention and entity F1 of a mentions.tsv against gold files in the
ANNOTATION.md format (canonical<TAB>type<TAB>surface|surface).

usage: score_samples.py GOLD_DIR DOCS_DIR MENTIONS.tsv [--min-mention F] [--min-entity F]

Gold mentions are the leftmost-longest occurrences of the gold surfaces in each
document; a system mention counts when its byte span and coarse type match one.
Entities are compared per document by the gold canonical each system entity's
mentions overlap most. Exits 1 if a score is below its floor.
"""
import argparse, csv, os, re, sys
from collections import Counter, defaultdict


def gold_of(path):
    ents = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            canon, typ, surf = line.split("\t")
            ents.append((canon, typ.split("/")[0], [s for s in surf.split("|") if s]))
    return ents


def spans(text, ents):
    surf = {s: (c, t) for c, t, ss in ents for s in ss}
    rx = re.compile("|".join(re.escape(s) for s in sorted(surf, key=lambda s: -len(s.encode()))).encode())
    return {(m.start(), m.end()): surf[m.group().decode()] for m in rx.finditer(text)}


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold"); ap.add_argument("docs"); ap.add_argument("mentions")
    ap.add_argument("--min-mention", type=float, default=0.0)
    ap.add_argument("--min-entity", type=float, default=0.0)
    a = ap.parse_args()
    sysm = defaultdict(list)
    with open(a.mentions, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            stem = os.path.splitext(os.path.basename(row["doc"]))[0]
            sysm[stem].append((int(row["start"]), int(row["end"]), row["entity"], row["type"].split("/")[0]))
    tp = fp = fn = etp = efp = efn = 0
    for name in sorted(os.listdir(a.gold)):
        stem = name[:-4]
        ents = gold_of(os.path.join(a.gold, name))
        text = open(os.path.join(a.docs, stem + ".txt"), "rb").read()
        g = spans(text, ents)
        s = {(b, e): (c, t) for b, e, c, t in sysm[stem]}
        hit = {sp for sp, (c, t) in s.items() if sp in g and g[sp][1] == t}
        tp += len(hit); fp += len(s) - len(hit); fn += len(g) - len(hit)
        vote = defaultdict(Counter)
        for (b, e), (c, t) in s.items():
            for (gb, ge), (gc, gt) in g.items():
                if gb < e and b < ge:
                    vote[c][gc] += 1
        mapped = {vote[c].most_common(1)[0][0] if vote[c] else "\0" + c for c, _ in s.values()}
        gold_set = {c for c, _, _ in ents}
        etp += len(mapped & gold_set); efp += len(mapped - gold_set); efn += len(gold_set - mapped)
    m, e = f1(tp, fp, fn), f1(etp, efp, efn)
    print(f"mention F1={m:.3f} (tp={tp} fp={fp} fn={fn})  entity F1={e:.3f} (tp={etp} fp={efp} fn={efn})")
    if m < a.min_mention or e < a.min_entity:
        sys.exit(f"below floor: mention {m:.3f} < {a.min_mention} or entity {e:.3f} < {a.min_entity}")


if __name__ == "__main__":
    main()

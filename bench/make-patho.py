#!/usr/bin/env python3
"""Pathological inputs for bench/run, made from a generated corpus and dictionary.

    make-patho.py --corpus DIR --dict FILE --out DIR [--line-mb 50] [--prefix-mb 10] [--files 100000]

writes, deterministically (same arguments, same bytes):

  OUT/line.txt    --line-mb MB (10^6 bytes) on a single line: the corpus text with
                  everything but letters and digits removed (no punctuation, no
                  spaces, no newline), so the whole file is one sentence
  OUT/prefix.txt  --prefix-mb MB where every character is the first character of
                  some surface of the dictionary: surfaces of 8 or more characters
                  without their last character, all of whose characters start a
                  surface, run together, a 。 and a newline about every 200
                  characters. A matcher that tries every start position walks
                  deep into its trie at almost every character and rarely finds
                  a whole name
  OUT/tiny/       --files files NNNNNN.txt of 4-400 bytes (log-uniform), consecutive
                  pieces of the corpus text cut on character boundaries
"""
import argparse
import math
import os
import random
import sys
import unicodedata


def corpus_texts(corpus):
    """The corpus files' texts in sorted order, again and again."""
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    if not names:
        sys.exit("make-patho: no *.txt in %s" % corpus)
    while True:
        for n in names:
            with open(os.path.join(corpus, n), encoding="utf-8", errors="replace") as f:
                yield f.read()


def write_line(corpus, path, size):
    keep = {}
    done = 0
    with open(path, "wb") as out:
        for text in corpus_texts(corpus):
            chars = []
            for c in text:
                k = keep.get(c)
                if k is None:
                    k = keep[c] = unicodedata.category(c)[0] in "LN"
                if k:
                    chars.append(c)
            data = "".join(chars).encode("utf-8")
            if done + len(data) >= size:
                data = data[:size - done].decode("utf-8", "ignore").encode("utf-8")
                out.write(data)
                return
            out.write(data)
            done += len(data)


def surfaces(dict_path):
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2:
                continue
            yield fields[0]
            if len(fields) > 2:
                for a in fields[2].split("|"):
                    if a:
                        yield a


def write_prefix(dict_path, path, size):
    surf = list(surfaces(dict_path))
    first = {s[0] for s in surf}
    stems = sorted({s[:-1] for s in surf if len(s) >= 8 and all(c in first for c in s[:-1])})
    if not stems:
        sys.exit("make-patho: no surface of 8 or more characters in %s" % dict_path)
    rnd = random.Random(1)
    done = 0
    with open(path, "wb") as out:
        while done < size:
            n = 0
            parts = []
            while n < 200:
                s = rnd.choice(stems)
                parts.append(s)
                n += len(s)
            data = ("".join(parts) + "。\n").encode("utf-8")
            out.write(data)
            done += len(data)


def write_tiny(corpus, out_dir, count):
    os.makedirs(out_dir, exist_ok=True)
    rnd = random.Random(1)
    texts = corpus_texts(corpus)
    buf = b""
    for i in range(count):
        size = int(math.exp(rnd.uniform(math.log(4), math.log(400))))
        while len(buf) < size + 4:
            buf += next(texts).encode("utf-8")
        piece = buf[:size].decode("utf-8", "ignore").encode("utf-8")
        buf = buf[len(piece):]
        with open(os.path.join(out_dir, "%06d.txt" % i), "wb") as f:
            f.write(piece)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--dict", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--line-mb", type=float, default=50)
    ap.add_argument("--prefix-mb", type=float, default=10)
    ap.add_argument("--files", type=int, default=100000)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    write_line(a.corpus, os.path.join(a.out, "line.txt"), int(a.line_mb * 1e6))
    write_prefix(a.dict, os.path.join(a.out, "prefix.txt"), int(a.prefix_mb * 1e6))
    write_tiny(a.corpus, os.path.join(a.out, "tiny"), a.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# The evidence store on samples/: `guanxi build` writes guanxi.db, and every
# query answers with values known from the samples (table and --json, the
# JSON read back with python3). Unknown names: exit 1 and close names.
set -euo pipefail
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="$t/out/guanxi.db"
q() { "$GUANXI" query --db "$db" "$@"; }

"$GUANXI" build -q --format csv "$SRC/samples" -o "$t/out" || fail "guanxi build"
[ -s "$db" ] || fail "no guanxi.db"
if ls -A "$t/out" | grep -q '^\.'; then fail "temporary files left behind"; fi
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = 6 ] || fail "documents"
# the store's mentions and edges are those of mentions.tsv and edges.csv
[ "$(sqlite3 "$db" 'SELECT count(*) FROM mentions')" = "$(($(wc -l <"$t/out/mentions.tsv") - 1))" ] ||
	fail "mention count differs from mentions.tsv"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM edges')" = "$(($(wc -l <"$t/out/edges.csv") - 1))" ] ||
	fail "edge count differs from edges.csv"
[ "$(sqlite3 "$db" "SELECT date || '|' || title FROM documents WHERE path LIKE '%06-hongkong%'")" = \
	"2024-05-20|港深創科合作再添新平台" ] || fail "date (yyyy年m月d日) or title of sample 06"
[ "$(sqlite3 "$db" "SELECT date FROM documents WHERE path LIKE '%01-suzhou%'")" = 2024-04-12 ] ||
	fail "date (yyyy-mm-dd) of sample 01"
[ "$(sqlite3 "$db" "SELECT count(*) FROM units WHERE cued = 1")" -gt 10 ] || fail "no cued units"
# the store's measures are those of nodes.csv, every one of them, and its
# meta says how the path-based ones were computed (exactly, on the samples)
python3 - "$t/out/nodes.csv" "$db" <<'PY' || fail "store measures differ from nodes.csv"
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
cols = ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
        "louvain", "leiden"]
stored = {r[0]: r[1:] for r in db.execute("SELECT name, " + ", ".join(cols) + " FROM entities")}
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert len(rows) == len(stored), (len(rows), len(stored))
for r in rows:
    for c, v in zip(cols, stored[r["Id"]]):
        want = float(r[c.capitalize() if c != "pagerank" else "PageRank"])
        assert v is not None and abs(v - want) <= 1e-9 * max(1, abs(want)), (r["Id"], c, v, want)
meta = dict(db.execute("SELECT key, value FROM meta"))
assert meta["measures"] == "full" and meta["paths"] == "exact", meta
assert int(meta["path_sources"]) == len(rows), meta
PY
# edges, cue counts and the evidence table agree with the stored mentions
python3 "$SRC/tests/tools/check_store.py" "$db" || fail "derived tables (see above)"

# help and usage errors
"$GUANXI" query --help | grep -q "usage: guanxi query" || fail "query --help"
set +e
"$GUANXI" query --db "$db" >/dev/null 2>&1; [ $? = 2 ] || fail "query without a command: not 2"
"$GUANXI" query --db "$db" frob >/dev/null 2>&1; [ $? = 2 ] || fail "unknown query: not 2"
"$GUANXI" query --db "$db" pair 苏州大学 >/dev/null 2>&1; [ $? = 2 ] || fail "pair with one name: not 2"
"$GUANXI" query --db "$db" top --by frob >/dev/null 2>&1; [ $? = 2 ] || fail "top --by frob: not 2"
"$GUANXI" query --db "$t/none.db" top >/dev/null 2>&1; [ $? = 1 ] || fail "missing store: not 1"
echo "not a database" >"$t/bad.db"
"$GUANXI" query --db "$t/bad.db" top >/dev/null 2>"$t/err"; [ $? = 1 ] || fail "bad store: not 1"
set -e

# tables on a terminal-like stdout
q partners 苏州大学 >"$t/partners.txt"
grep -q "西交利物浦大学" "$t/partners.txt" || fail "partners table"
q top -n 3 >"$t/top.txt"
grep -q "^1 " "$t/top.txt" || fail "top table"
q candidates >"$t/cand.txt"
grep -qP '^苏州澄微纳米科技有限公司\torg/company' "$t/cand.txt" || fail "candidates: dictionary lines"
"$GUANXI" dict check "$t/cand.txt" >/dev/null || fail "candidates do not load as a dictionary"
grep -v '^#' "$t/cand.txt" | awk -F'\t' 'NF < 2 || NF > 3 { exit 1 }' || fail "candidates: line format"

# JSON, checked with python
q partners 苏州大学 --json -n 20 --evidence 3 >"$t/partners.json"
q partners 蘇州大學 --json -n 20 --evidence 3 >"$t/partners-trad.json"
q partners 苏州大学 --json --cued -n 50 >"$t/cued.json"
q pair 苏州大学 苏州工业园区管委会 --json >"$t/pair.json"
q path 苏州大学 香港科技大学 --json >"$t/path.json"
q entity 市科创委 --json >"$t/entity.json"
q entity 深圳市科技創新委員會 --json >"$t/entity-trad.json"
q top --by pagerank --type org -n 5 --json >"$t/top.json"
q candidates --json >"$t/candidates.json"
set +e
q partners 苏大学 --json >"$t/unknown.json" 2>"$t/unknown.err"
rc=$?
set -e
[ $rc = 1 ] || fail "unknown name exited $rc, not 1"
grep -q "closest known names: 苏州大学" "$t/unknown.err" || fail "no close names: $(cat "$t/unknown.err")"
# a dictionary entity no sample mentions: the message says so
set +e
q partners 镇江市 >/dev/null 2>"$t/known.err"
rc=$?
set -e
[ $rc = 1 ] && grep -q "dictionaries know it as 镇江市" "$t/known.err" || fail "镇江市: $(cat "$t/known.err")"

python3 - "$t" <<'PY' || fail "JSON answers (see above)"
import json, sys, os
d = sys.argv[1]
load = lambda n: json.load(open(os.path.join(d, n)))
p = load("partners.json")
assert p["entity"]["name"] == "苏州大学", p["entity"]
names = {x["name"]: x for x in p["partners"]}
assert "西交利物浦大学" in names and names["西交利物浦大学"]["count"] == 2, names.keys()
park = names["苏州工业园区管理委员会"]
assert park["cued"] >= 1 and park["evidence"][0]["cued"], park
assert "签署合作协议" in park["evidence"][0]["text"], park["evidence"]
assert all(len(x["evidence"]) <= 3 for x in p["partners"])
counts = [x["count"] for x in p["partners"]]
assert counts == sorted(counts, reverse=True), counts
assert load("partners-trad.json")["partners"] == p["partners"], "Traditional query differs"
c = load("cued.json")
assert c["partners"] and all(x["cued"] > 0 for x in c["partners"]), c
pr = load("pair.json")
assert pr["count"] == 2 and len(pr["sentences"]) == 2 and pr["cued"] == 1, pr
assert pr["sentences"][0]["cued"] and pr["sentences"][0]["doc"].endswith("01-suzhou-nano.txt")
pa = load("path.json")
assert pa["path"][0]["name"] == "苏州大学" and pa["path"][-1]["name"] == "香港科技大学", pa["path"]
assert pa["length"] == len(pa["steps"]) == len(pa["path"]) - 1 >= 2, pa
assert all(s["evidence"] and s["evidence"]["text"] for s in pa["steps"])
e = load("entity.json")
assert e["entity"]["name"] == "深圳市科技创新委员会" and e["entity"]["via"] == "alias", e["entity"]
surfaces = {a["surface"] for a in e["aliases"]}
assert {"市科创委", "深圳市科創委"} <= surfaces, surfaces
assert e["counts"]["mentions"] == sum(a["count"] for a in e["aliases"]), e
assert e["measures"]["degree"] > 0 and "louvain" in e["community"]
assert load("entity-trad.json")["entity"]["id"] == e["entity"]["id"]
t = load("top.json")
assert t["by"] == "pagerank" and len(t["entities"]) == 5
assert all(x["type"].startswith("org") for x in t["entities"])
v = [x["value"] for x in t["entities"]]
assert v == sorted(v, reverse=True)
cands = {x["name"]: x for x in load("candidates.json")["candidates"]}
assert "苏州澄微纳米科技有限公司" in cands and cands["苏州澄微纳米科技有限公司"]["type"] == "org/company", cands.keys()
assert cands["苏州澄微纳米科技有限公司"]["sample"]["text"]
u = load("unknown.json")
assert u["error"] == "not found" and "苏州大学" in u["suggestions"], u
print("store queries ok")
PY

# a tie of 12 sentences whose 11th states it: the evidence table keeps the
# cued one and the first 7 others; up to 8 rows come from it, more from a
# scan of the mentions, in the same order
mkdir "$t/rep"
for i in 1 2 3 4 5 6 7 8 9 10; do echo "苏州大学和南京大学的代表参加第${i}次会议。"; done >"$t/rep/a.txt"
echo "苏州大学与南京大学签署合作协议。苏州大学和南京大学的代表参加闭幕式。" >>"$t/rep/a.txt"
"$GUANXI" build -q --format csv "$t/rep" -o "$t/rep-out" || fail "build of the repeated tie"
rdb="$t/rep-out/guanxi.db"
python3 "$SRC/tests/tools/check_store.py" "$rdb" || fail "repeated tie: derived tables"
units() { # the unit indexes of a JSON answer's evidence
	python3 -c 'import json, sys
d = json.load(sys.stdin)
ev = d["sentences"] if "sentences" in d else d["partners"][0]["evidence"]
print(" ".join(str(e["unit"]) for e in ev))'
}
rq() { "$GUANXI" query --db "$1" --json "${@:2}"; }
[ "$(rq "$rdb" partners 苏州大学 --evidence 8 | units)" = "10 0 1 2 3 4 5 6" ] ||
	fail "partners --evidence 8: $(rq "$rdb" partners 苏州大学 --evidence 8 | units)"
[ "$(rq "$rdb" pair 苏州大学 南京大学 -n 3 | units)" = "10 0 1" ] || fail "pair -n 3"
[ "$(rq "$rdb" pair 苏州大学 南京大学 -n 9 | units)" = "10 0 1 2 3 4 5 6 7" ] || fail "pair -n 9"
[ "$(rq "$rdb" pair 苏州大学 南京大学 | units)" = "10 0 1 2 3 4 5 6 7 8 9 11" ] || fail "pair (all)"
# partners reads the evidence table: without its rows, up to 8 sentences
# are gone, and more than 8 are still found by the scan
cp "$rdb" "$t/rep/noev.db"
sqlite3 "$t/rep/noev.db" "DELETE FROM evidence"
[ "$(rq "$t/rep/noev.db" partners 苏州大学 --evidence 8 | units)" = "" ] ||
	fail "partners --evidence 8 did not come from the evidence table"
[ "$(rq "$t/rep/noev.db" partners 苏州大学 --evidence 9 | units)" = "10 0 1 2 3 4 5 6 7" ] ||
	fail "partners --evidence 9 (scan)"
"$GUANXI" query --db "$rdb" partners 苏州大学 | grep -q '^      \* .*a.txt#10: 苏州大学与南京大学签署合作协议' ||
	fail "partners table: the cued sentence first"

# the path query's steps are real edges
python3 - "$t/path.json" "$db" <<'PY' || fail "path steps are not edges"
import json, sqlite3, sys
p = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
ids = [x["id"] for x in p["path"]]
for a, b in zip(ids, ids[1:]):
    n = db.execute("SELECT count(*) FROM edges WHERE a = ? AND b = ?", (min(a, b), max(a, b))).fetchone()[0]
    assert n == 1, (a, b)
PY

# names are resolved with the dictionaries the store was built with, from
# the store: an alias the corpus never uses (北辰院), with the bundled
# dictionaries out of reach (GUANXI_DICT_DIR empty); a --db build with the
# same dictionaries leaves the names table alone, one with a new alias
# rewrites it
mkdir -p "$t/nm/c" "$t/nm/empty"
printf '北辰研究院\torg/institute\t北辰院\n苏州工业园区\tzone/park\t苏州园区\n' >"$t/nm/d.tsv"
printf '北辰研究院与苏州工业园区合作共建实验室。\n' >"$t/nm/c/a.txt"
"$GUANXI" build -q --no-patterns --dict "$t/nm/d.tsv" --format csv -o "$t/nm/out" "$t/nm/c" ||
	fail "build with a dictionary of two"
ndb="$t/nm/out/guanxi.db"
[ "$(sqlite3 "$ndb" "SELECT entity FROM names WHERE folded = '北辰院'")" = 北辰研究院 ] ||
	fail "names table: $(sqlite3 "$ndb" 'SELECT * FROM names')"
GUANXI_DICT_DIR="$t/nm/empty" "$GUANXI" query --db "$ndb" --json entity 北辰院 >"$t/nm/e.json" ||
	fail "an alias from the store's dictionaries: $(cat "$t/nm/e.json")"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["entity"]; assert e["name"]=="北辰研究院" and e["via"]=="dictionary", e' \
	"$t/nm/e.json" || fail "entity 北辰院 not via the names table"
GUANXI_DICT_DIR="$t/nm/empty" "$GUANXI" query --db "$ndb" partners 北辰院 | grep -q 苏州工业园区 ||
	fail "partners 北辰院"
before=$(sqlite3 "$ndb" "SELECT value FROM meta WHERE key = 'names'")
"$GUANXI" build -q --no-patterns --dict "$t/nm/d.tsv" --db "$ndb" "$t/nm/c" || fail "--db, same dictionary"
[ "$(sqlite3 "$ndb" "SELECT value FROM meta WHERE key = 'names'")" = "$before" ] || fail "names rewritten"
printf '北辰研究院\torg/institute\t北辰院|北研院\n苏州工业园区\tzone/park\t苏州园区\n' >"$t/nm/d.tsv"
"$GUANXI" build -q --no-patterns --dict "$t/nm/d.tsv" --db "$ndb" "$t/nm/c" || fail "--db, new alias"
[ "$(sqlite3 "$ndb" "SELECT value FROM meta WHERE key = 'names'")" != "$before" ] || fail "names not rewritten"
GUANXI_DICT_DIR="$t/nm/empty" "$GUANXI" query --db "$ndb" entity 北研院 | grep -q 北辰研究院 ||
	fail "the new alias"
echo "ok"

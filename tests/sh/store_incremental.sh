#!/usr/bin/env bash
# Incremental builds: `guanxi build --db` adds new documents, skips
# unchanged ones and replaces changed ones; the result equals a fresh build
# of the same files.
set -euo pipefail
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="$t/store.db"
counts() { # documents mentions units entities edges aliases, total count and cued, evidence
	sqlite3 "$1" "SELECT (SELECT count(*) FROM documents) || ' ' || (SELECT count(*) FROM mentions)
		|| ' ' || (SELECT count(*) FROM units) || ' ' || (SELECT count(*) FROM entities)
		|| ' ' || (SELECT count(*) FROM edges) || ' ' || (SELECT count(*) FROM aliases)
		|| ' ' || (SELECT total(count) FROM edges) || ' ' || (SELECT total(cued) FROM edges)
		|| ' ' || (SELECT count(*) FROM evidence)"
}
check() { python3 "$SRC/tests/tools/check_store.py" "$1" >/dev/null ||
	fail "$1: derived tables: $(python3 "$SRC/tests/tools/check_store.py" "$1")"; }
build() {
	"$GUANXI" build --db "$db" "$t/c" 2>"$t/err" || fail "build: $(cat "$t/err")"
	check "$db"
}

mkdir "$t/c"
cp "$SRC/samples/01-suzhou-nano.txt" "$SRC/samples/02-hefei-ai-institute.txt" "$t/c/"
build
grep -q "2 added, 0 replaced, 0 unchanged" "$t/err" || fail "first build: $(cat "$t/err")"
read -r d1 m1 _ <<<"$(counts "$db")"
[ "$d1" = 2 ] || fail "2 documents expected, got $d1"

cp "$SRC/samples/04-wuhan-labs.txt" "$t/c/"
build
grep -q "1 added, 0 replaced, 2 unchanged" "$t/err" || fail "adding: $(cat "$t/err")"
read -r d2 m2 _ <<<"$(counts "$db")"
[ "$d2" = 3 ] && [ "$m2" -gt "$m1" ] || fail "counts did not grow: $d1 $m1 -> $d2 $m2"
before=$(counts "$db")

build
grep -q "0 added, 0 replaced, 3 unchanged" "$t/err" || fail "unchanged rerun: $(cat "$t/err")"
[ "$(counts "$db")" = "$before" ] || fail "unchanged rerun changed counts: $before -> $(counts "$db")"

# a changed document replaces its old version (same path, new hash)
old_hash=$(sqlite3 "$db" "SELECT hash FROM documents WHERE path LIKE '%01-suzhou-nano.txt'")
echo "南京大学与苏州大学签署战略合作协议，共建联合实验室。" >>"$t/c/01-suzhou-nano.txt"
build
grep -q "0 added, 1 replaced, 2 unchanged" "$t/err" || fail "replacing: $(cat "$t/err")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM documents WHERE path LIKE '%01-suzhou-nano.txt'")" = 1 ] ||
	fail "changed document doubled"
[ "$(sqlite3 "$db" "SELECT hash FROM documents WHERE path LIKE '%01-suzhou-nano.txt'")" != "$old_hash" ] ||
	fail "hash not updated"
[ "$(sqlite3 "$db" "SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT id FROM documents)")" = 0 ] ||
	fail "mentions of the old version left behind"
"$GUANXI" query --db "$db" pair 南京大学 苏州大学 --json >"$t/pair.json" || fail "new tie not queryable"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["count"]==1 and p["cued"]==1, p' \
	"$t/pair.json" || fail "new tie: $(cat "$t/pair.json")"

# the incremental store equals a fresh one built from the same files
"$GUANXI" build -q --format csv "$t/c" -o "$t/fresh" || fail "fresh build"
[ "$(counts "$db")" = "$(counts "$t/fresh/guanxi.db")" ] ||
	fail "incremental $(counts "$db") != fresh $(counts "$t/fresh/guanxi.db")"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
check "$t/fresh/guanxi.db"
# the same evidence sentences (no edge has more than 8 here); their ranks
# may differ, as "document order" is the order of document ids, and the
# replaced document got a new one
evidence() { python3 "$SRC/tests/tools/check_store.py" --dump "$1" | cut -f1,2,4,5 | sort; }
evidence "$db" >"$t/ev-incr"
evidence "$t/fresh/guanxi.db" >"$t/ev-fresh"
[ -s "$t/ev-incr" ] && cmp -s "$t/ev-incr" "$t/ev-fresh" || fail "evidence: incremental != fresh"

# a fresh store (counted while its documents were stored, its measures taken
# from the exports' network) is the store that a --db build of the same
# files derives from its tables, row for row
tables() {
	sqlite3 "$1" "SELECT name, type, subtype, mentions, docs, units, dict, pattern, context, degree,
		strength, betweenness, closeness, harmonic, eigenvector, pagerank, louvain, leiden
		FROM entities ORDER BY name;
	SELECT ea.name, eb.name, g.count, g.docs, g.cued, g.assoc, g.jaccard, g.cosine, g.pmi
		FROM edges g JOIN entities ea ON ea.id = g.a JOIN entities eb ON eb.id = g.b
		ORDER BY 1, 2;
	SELECT e.name, a.surface, a.folded, a.count FROM aliases a JOIN entities e ON e.id = a.entity
		ORDER BY 1, 2;
	SELECT key, value FROM meta ORDER BY key"
	python3 "$SRC/tests/tools/check_store.py" --dump "$1"
}
"$GUANXI" build -q --db "$t/same.db" "$t/c" || fail "--db build of the fresh store's files"
tables "$t/fresh/guanxi.db" >"$t/tables-fresh"
tables "$t/same.db" >"$t/tables-db"
[ "$(wc -l <"$t/tables-fresh")" -gt 100 ] && cmp -s "$t/tables-fresh" "$t/tables-db" ||
	fail "fresh store != --db store: $(diff "$t/tables-fresh" "$t/tables-db" | head -5)"

# a store of schema 1 (no evidence table): queries refuse it and say how to
# update it; a --db build upgrades it and derives the new table even though
# no document changed
cp "$t/fresh/guanxi.db" "$t/v1.db"
sqlite3 "$t/v1.db" "DROP TABLE evidence; PRAGMA user_version = 1"
set +e
"$GUANXI" query --db "$t/v1.db" partners 苏州大学 >/dev/null 2>"$t/v1.err"
rc=$?
set -e
[ $rc = 1 ] && grep -q "schema 1.*guanxi build --db $t/v1.db PATH" "$t/v1.err" ||
	fail "old store: exit $rc, $(cat "$t/v1.err")"
"$GUANXI" build --db "$t/v1.db" "$t/c" 2>"$t/err" || fail "upgrade: $(cat "$t/err")"
grep -q "0 added, 0 replaced, 3 unchanged" "$t/err" || fail "upgrade: $(cat "$t/err")"
[ "$(sqlite3 "$t/v1.db" 'PRAGMA user_version')" = 3 ] || fail "upgrade: user_version"
check "$t/v1.db"
[ "$(counts "$t/v1.db")" = "$(counts "$t/fresh/guanxi.db")" ] || fail "upgraded store differs"
"$GUANXI" query --db "$t/v1.db" partners 苏州大学 >/dev/null || fail "query after the upgrade"
# fast measures: the cheap ones only, the costly ones NULL and refused by top
"$GUANXI" build -q --measures fast --db "$t/fast.db" "$t/c" || fail "--measures fast"
[ "$(sqlite3 "$t/fast.db" "SELECT count(*) FROM entities WHERE betweenness IS NOT NULL OR
	pagerank IS NULL")" = 0 ] || fail "fast measures: betweenness stored or pagerank missing"
[ "$(sqlite3 "$t/fast.db" "SELECT value FROM meta WHERE key = 'measures'")" = fast ] || fail "meta"
[ "$(sqlite3 "$t/fast.db" "SELECT total(degree) FROM entities")" = \
	"$(sqlite3 "$db" "SELECT total(degree) FROM entities")" ] || fail "fast degrees differ"
"$GUANXI" query --db "$t/fast.db" top --by pagerank >/dev/null || fail "fast: top --by pagerank"
set +e
"$GUANXI" query --db "$t/fast.db" top --by betweenness >/dev/null 2>&1; [ $? = 1 ] || fail "fast: top --by betweenness not refused"
set -e
# asking for every measure completes a fast store, although no document changed
"$GUANXI" build -q --measures full --db "$t/fast.db" "$t/c" || fail "--measures full on a fast store"
[ "$(sqlite3 "$t/fast.db" "SELECT count(*) FROM entities WHERE betweenness IS NULL")" = 0 ] ||
	fail "fast -> full: betweenness still missing"
[ "$(sqlite3 "$t/fast.db" "SELECT group_concat(value, ' ') FROM (SELECT value FROM meta
	WHERE key IN ('measures', 'paths') ORDER BY key)")" = "full exact" ] || fail "fast -> full: meta"
"$GUANXI" query --db "$t/fast.db" top --by betweenness >/dev/null || fail "fast -> full: top"

# every measure whatever the size: 215 universities named in one sentence make
# 23,005 edges (above the 20,000 where the store once stopped computing path
# measures); with --paths 50 they are estimates, and the queries say so
mkdir "$t/big"
awk -F'\t' '$2 ~ /^org\/university/ && $1 !~ /[{]/ && n++ < 215 { print $1 }' \
	"$SRC/dicts/entities/universities.tsv" | paste -sd'、' | sed 's/$/共同发起倡议。/' >"$t/big/a.txt"
"$GUANXI" build -q --db "$t/big.db" "$t/big" || fail "build of 23k edges"
[ "$(sqlite3 "$t/big.db" "SELECT count(*) FROM edges")" = 23005 ] || fail "big: edges"
[ "$(sqlite3 "$t/big.db" "SELECT count(*) FROM entities WHERE betweenness IS NULL OR
	eigenvector IS NULL")" = 0 ] || fail "big: measures left out"
[ "$(sqlite3 "$t/big.db" "SELECT value FROM meta WHERE key = 'paths'")" = exact ] || fail "big: exact"
"$GUANXI" query --db "$t/big.db" top --by betweenness >"$t/top.txt" || fail "big: top --by betweenness"
grep -q "estimated" "$t/top.txt" && fail "big: exact measures called estimates"
echo "再次发起倡议。" >>"$t/big/a.txt" # a change, so that the store is derived again
"$GUANXI" build -q --paths 50 --db "$t/big.db" "$t/big" || fail "big: --paths 50"
[ "$(sqlite3 "$t/big.db" "SELECT group_concat(value, ' ') FROM (SELECT value FROM meta
	WHERE key IN ('paths', 'path_sources') ORDER BY key)")" = "50 sampled" ] || fail "big: sampled meta"
"$GUANXI" query --db "$t/big.db" top --by betweenness -n 3 >"$t/top.txt" || fail "big: top (sampled)"
grep -q "^note: betweenness, closeness and harmonic are estimated from 50 sampled" "$t/top.txt" ||
	fail "big: top without the estimate note: $(cat "$t/top.txt")"
"$GUANXI" query --db "$t/big.db" entity 清华大学 | grep -q "^note: .*estimated from 50 sampled" ||
	fail "big: entity without the estimate note"
"$GUANXI" query --db "$t/big.db" --json entity 清华大学 | python3 -c 'import json, sys
p = json.load(sys.stdin)["paths"]
assert p == {"method": "sampled", "sources": 50, "seed": p["seed"]}, p' || fail "big: JSON paths"
"$GUANXI" query --db "$t/big.db" top --by pagerank -n 3 | grep -q "estimated" &&
	fail "big: a note under pagerank"
set +e
set -e
# --db and -o do not mix; a file that is not a store is refused
set +e
"$GUANXI" build --db "$db" -o "$t/x" "$t/c" 2>/dev/null; [ $? = 2 ] || fail "--db with -o: not 2"
echo "not a database" >"$t/bad.db"
"$GUANXI" build -q --db "$t/bad.db" "$t/c" 2>/dev/null; [ $? = 1 ] || fail "bad store: not 1"
set -e
[ "$(cat "$t/bad.db")" = "not a database" ] || fail "a file that is no store was overwritten"
echo "ok"

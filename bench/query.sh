#!/usr/bin/env bash
# Times `guanxi query` on a store: each query runs 5 times; the median wall
# time is printed, and the same minus the median of `guanxi --version` (the
# cost of starting the process: loading igraph, Graphviz, SQLite), which is
# the query's own time.
#
#   bench/query.sh STORE                 time queries on an existing store
#   bench/query.sh --make DIR [MB]       first make a corpus of MB megabytes (20)
#                                        with ../shared/bench (20k-entry dictionary)
#                                        in DIR and build DIR/guanxi.db (slow:
#                                        minutes for 20 MB)
# GUANXI: the binary (default build/guanxi).
set -euo pipefail
cd "$(dirname "$0")/.."
g=${GUANXI:-build/guanxi}
if [ "${1:-}" = --make ]; then
	dir=$2
	mb=${3:-20}
	gen=../shared/bench
	[ -x "$gen/make-corpus" ] || { echo "no $gen/make-corpus" >&2; exit 1; }
	mkdir -p "$dir"
	[ -s "$dir/dict-20000.tsv" ] || "$gen/make-dict" --entries 20000 --seed 1 -o "$dir/dict-20000.tsv"
	[ -d "$dir/corpus" ] || "$gen/make-corpus" --dict "$dir/dict-20000.tsv" --mb "$mb" --seed 1 \
		--out "$dir/corpus"
	time "$g" build --dict "$dir/dict-20000.tsv" --db "$dir/guanxi.db" "$dir/corpus"
	db=$dir/guanxi.db
else
	db=${1:?usage: bench/query.sh STORE | --make DIR [MB]}
fi

ms() { # median wall milliseconds of 5 runs of "$@"
	local i s e all=()
	for i in 1 2 3 4 5; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		all+=($(((e - s) / 1000000)))
	done
	printf '%s\n' "${all[@]}" | sort -n | sed -n 3p
}

name() { sqlite3 "$db" "$1"; }
hub=$(name "SELECT name FROM entities ORDER BY degree DESC LIMIT 1")
mid=$(name "SELECT name FROM entities WHERE degree BETWEEN 5 AND 20 ORDER BY id LIMIT 1")
low=$(name "SELECT name FROM entities WHERE degree = 1 ORDER BY id LIMIT 1")
# the hub's heaviest tie: the pair with the most shared sentences to page through
hub2=$(name "SELECT e.name FROM entities h JOIN edges g ON h.id IN (g.a, g.b)
	JOIN entities e ON e.id = g.a + g.b - h.id WHERE h.name = '$hub' ORDER BY g.count DESC LIMIT 1")
alias=$(name "SELECT surface FROM aliases a JOIN entities e ON e.id = a.entity
	WHERE a.surface != e.name ORDER BY a.count DESC LIMIT 1")
echo "store: $db: $(name "SELECT count(*) FROM documents") documents, $(name "SELECT count(*) FROM mentions") mentions, $(name "SELECT count(*) FROM entities") entities, $(name "SELECT count(*) FROM edges") edges"
base=$(ms "$g" --version)
echo "process start (guanxi --version): $base ms"
printf '%8s %8s  %s\n' wall query command
while IFS= read -r q; do
	[ -n "$q" ] || continue
	eval "set -- $q"
	w=$(ms "$g" query --db "$db" "$@")
	printf '%6d ms %5d ms  %s\n' "$w" $((w - base)) "$q"
done <<EOF2
partners '$hub'
partners '$hub' --cued
partners '$hub' --evidence 8
partners '$mid' --evidence 5
partners '$alias'
pair '$hub' '$mid'
pair '$hub' '$hub2' -n 8
pair '$hub' '$hub2' -n 20
path '$low' '$mid'
path '$low' '$hub'
top --by pagerank
top --by betweenness
top --by degree --type org
candidates
entity '$hub'
entity 'no such name'
EOF2

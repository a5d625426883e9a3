#!/usr/bin/env bash
# The command-line contract: help on every command, exit codes 0/1/2,
# diagnostics on stderr, results on stdout.
set -euo pipefail
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect CODE cmd...
	local want=$1 rc
	shift
	set +e
	"$@" >"$t/out" 2>"$t/err"
	rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want; stderr: $(head -c 500 "$t/err")"
}

for cmd in "" build extract dict; do
	expect 0 "$GUANXI" $cmd --help
	grep -q "usage: guanxi" "$t/out" || fail "no usage text for '$cmd --help'"
done
expect 0 "$GUANXI" --version
expect 2 "$GUANXI"
expect 2 "$GUANXI" frobnicate
expect 2 "$GUANXI" build
expect 2 "$GUANXI" build --no-such-option x
grep -q "unknown option '--no-such-option'" "$t/err" || fail "unknown option not named"
expect 2 "$GUANXI" extract
expect 2 "$GUANXI" build -o
expect 2 "$GUANXI" dict frob

# extract: a header, then rows; byte offsets point at the surface
printf '南京大学与镇江高新区签约。\n' >"$t/a.txt"
expect 0 "$GUANXI" extract "$t/a.txt"
head -1 "$t/out" | grep -qx $'doc\tstart\tend\tsurface\tentity\ttype\tsource\tsentence' ||
	fail "extract header: $(head -1 "$t/out")"
grep -q $'\t0\t12\t南京大学\t南京大学\torg/university\tdict\t0$' "$t/out" || fail "南京大学 row: $(cat "$t/out")"
grep -q $'\t15\t30\t镇江高新区\t' "$t/out" || fail "镇江高新区 row: $(cat "$t/out")"
[ ! -s "$t/err" ] || fail "unexpected stderr: $(cat "$t/err")"

# --no-patterns and --no-dicts change what is found
printf '设立了江科大海洋装备研究院。\n' >"$t/b.txt"
expect 0 "$GUANXI" extract --no-dicts "$t/b.txt"
grep -q $'\t江科大海洋装备研究院\t江科大海洋装备研究院\torg/institute\tpattern\t' "$t/out" ||
	fail "pattern boundary: $(cat "$t/out")"
# dictionaries alone (no folded copy of the text is made): overlapping names
printf '南京大学联合国家超级计算天津中心。\n' >"$t/c.txt"
expect 0 "$GUANXI" extract --no-patterns "$t/c.txt"
grep -q $'\t南京大学\t南京大学\torg/university\tdict\t' "$t/out" || fail "--no-patterns: $(cat "$t/out")"
grep -q $'\t国家超级计算天津中心\t国家超级计算天津中心\t' "$t/out" || fail "--no-patterns overlap: $(cat "$t/out")"
! grep -q $'\t联合国\t' "$t/out" || fail "--no-patterns: 联合国 inside 联合国家…: $(cat "$t/out")"
expect 0 "$GUANXI" extract --no-patterns --no-dicts "$t/b.txt"
[ "$(wc -l <"$t/out")" = 1 ] || fail "no recogniser should give only the header"

# --patterns FILE (a copy of the bundled rules elsewhere) finds the same as the
# bundled rules: the stop words that trim pattern names still come from the
# dictionary directory
cp "$SRC/dicts/patterns.txt" "$t/rules.txt"
printf '抓好科技人才导入工程，深度链接江苏海洋装备研究院。\n' >"$t/p.txt"
expect 0 "$GUANXI" extract "$t/p.txt"
mv "$t/out" "$t/bundled"
expect 0 "$GUANXI" extract --patterns "$t/rules.txt" "$t/p.txt"
cmp -s "$t/out" "$t/bundled" || fail "--patterns FILE differs from the bundled rules: $(cat "$t/out")"
grep -q $'\t科技人才导入工程\t' "$t/out" || fail "--patterns: name not trimmed: $(cat "$t/out")"

# build: -o defaults to out/ in the working directory; outputs replace atomically
mkdir "$t/cwd"
(cd "$t/cwd" && "$GUANXI" build -q "$t/a.txt") || fail "build with default -o"
[ -s "$t/cwd/out/mentions.tsv" ] || fail "default output dir out/ not written"
[ -z "$(ls -A "$t/cwd/out" | grep '^\.')" ] || fail "temporary files left in out/"

# a directory is walked recursively for *.txt only, in sorted order
mkdir -p "$t/corpus/z" "$t/corpus/a"
cp "$t/a.txt" "$t/corpus/z/2.txt"
cp "$t/a.txt" "$t/corpus/a/1.txt"
cp "$t/a.txt" "$t/corpus/skip.md"
expect 0 "$GUANXI" build -q "$t/corpus" -o "$t/o"
cut -f1 "$t/o/mentions.tsv" | uniq | tr '\n' ' ' | grep -qx "doc $t/corpus/a/1.txt $t/corpus/z/2.txt " ||
	fail "walk order or filter: $(cut -f1 "$t/o/mentions.tsv" | uniq | tr '\n' ' ')"
echo "cli: ok"

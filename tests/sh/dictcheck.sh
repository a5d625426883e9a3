#!/usr/bin/env bash
# The bundled dictionaries, patterns and context rules load without error,
# and a malformed dictionary is reported with file:line and exit code 1.
set -euo pipefail
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

GUANXI_DICT_DIR="$SRC/dicts" "$GUANXI" dict check >"$t/out" 2>"$t/err" ||
	{ cat "$t/err"; fail "bundled dictionaries have errors"; }
grep -q " 0 errors" "$t/out" || fail "dict check summary: $(cat "$t/out")"

printf '南京大学\torg/university\t南大\n镇江\tplace/town\n北航\tnotatype\n南京大学\torg/university\n东大\torg/university\t南大\n只有一列\n' >"$t/bad.tsv"
set +e
"$GUANXI" dict check "$t/bad.tsv" >"$t/out" 2>"$t/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "malformed dictionary: exit $rc, expected 1"
grep -q "bad.tsv:3: error: unknown type 'notatype'" "$t/err" || fail "unknown type not reported: $(cat "$t/err")"
grep -q "bad.tsv:4: warning: duplicate canonical '南京大学'" "$t/err" || fail "duplicate canonical not reported"
grep -q "bad.tsv:5: note: surface '南大'.*already claimed by '南京大学'" "$t/err" || fail "alias claimed twice not reported"
grep -q "bad.tsv:6: error: expected 2 to 4 tab-separated fields" "$t/err" || fail "malformed line not reported"

# a surface with a sentence mark inside can never match whole: a warning
printf '东湖示范区\tzone/hitech\t东湖自?创区|东湖!\n' >"$t/mark.tsv"
"$GUANXI" dict check "$t/mark.tsv" >"$t/out" 2>"$t/err" || fail "sentence mark: not a warning"
grep -q "mark.tsv:1: warning: surface '东湖自?创区' holds a sentence mark" "$t/err" ||
	fail "surface with a sentence mark not reported: $(cat "$t/err")"
! grep -q "'东湖!'" "$t/err" || fail "a mark at the end of a surface is no problem"

# a build with a malformed --dict stops before writing anything
set +e
"$GUANXI" build --dict "$t/bad.tsv" "$SRC/samples" -o "$t/o" 2>"$t/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "build with malformed dictionary: exit $rc"
[ ! -e "$t/o/mentions.tsv" ] || fail "build with malformed dictionary wrote mentions.tsv"

# a missing dictionary
set +e
"$GUANXI" build --dict "$t/missing.tsv" "$SRC/samples" -o "$t/o" 2>"$t/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "missing dictionary: exit $rc"
grep -q "missing.tsv" "$t/err" || fail "missing dictionary not named: $(cat "$t/err")"
echo "dictcheck: ok"

#!/usr/bin/env bash
# Bad input, one row per case: the exit code, the message (naming the file,
# and the place where there is one), and that no output file is left
# half-written. Large inputs are generated here, not committed.
set -euo pipefail
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
good='南京大学与镇江高新区签约。'

# run CASE WANT_RC STDERR_REGEX [build args...]: a build into $t/out-CASE
run() {
	local name=$1 want=$2 re=$3 rc
	shift 3
	set +e
	timeout 120 "$GUANXI" build -o "$t/out-$name" "$@" >"$t/$name.out" 2>"$t/$name.err"
	rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want; stderr: $(head -c 400 "$t/$name.err")"
	[ -z "$re" ] || grep -Eq "$re" "$t/$name.err" || fail "$name: stderr lacks /$re/: $(head -c 400 "$t/$name.err")"
	if [ -d "$t/out-$name" ] && ls -A "$t/out-$name" | grep -q '^\.'; then
		fail "$name: temporary file left behind"
	fi
	echo "ok $name"
}
# rows CASE: number of mention rows written
rows() { tail -n +2 "$t/out-$1/mentions.tsv" | wc -l; }

printf '%s\n' "$good" >"$t/good.txt"

printf '\xef\xbb\xbf%s\n' "$good" >"$t/bom.txt"
run bom 0 "" "$t/bom.txt"
grep -q $'\t3\t15\t南京大学' "$t/out-bom/mentions.tsv" || fail "bom: offsets must count the BOM"

printf '%s\xff\xfe%s\n' "南京大学" "与镇江高新区签约。" >"$t/invalid.txt"
run invalid 0 "invalid.txt: .*invalid UTF-8 at byte 12" "$t/invalid.txt"
[ "$(rows invalid)" = 2 ] || fail "invalid: expected 2 mentions around the bad bytes"

printf '%s\n' "$good" | iconv -f UTF-8 -t GB18030 >"$t/gbk.txt"
run gbk 0 "gbk.txt: .*GB18030" "$t/gbk.txt"
grep -q $'\t0\t8\t南京大学' "$t/out-gbk/mentions.tsv" || fail "gbk: offsets must be those of the GB18030 file"

printf '%s\n' "$good" | iconv -f UTF-8 -t UTF-16 >"$t/utf16.txt"
run utf16 0 "utf16.txt: .*UTF-16" "$t/utf16.txt"
[ "$(rows utf16)" = 2 ] || fail "utf16: expected 2 mentions"
printf '\xfe\xff' >"$t/utf16be.txt"; printf '%s\n' "$good" | iconv -f UTF-8 -t UTF-16BE >>"$t/utf16be.txt"
run utf16be 0 "UTF-16" "$t/utf16be.txt"
[ "$(rows utf16be)" = 2 ] || fail "utf16be: expected 2 mentions"

: >"$t/empty.txt"
run empty 0 "" "$t/empty.txt"
[ "$(rows empty)" = 0 ] || fail "empty: rows"

head -c 65536 /dev/urandom >"$t/binary.txt"
run binary 0 "binary.txt: .*binary" "$t/binary.txt" "$t/good.txt"
[ "$(rows binary)" = 2 ] || fail "binary: the good file must still be read"

printf '南京大学\0与镇江高新区签约。\n' >"$t/nul.txt"
run nul 0 "nul.txt: .*NUL" "$t/nul.txt"
[ "$(rows nul)" = 2 ] || fail "nul: expected 2 mentions"

python3 -c "import sys; sys.stdout.write('科技创新' * (50*1024*1024 // 12) + '南京大学')" >"$t/oneline.txt"
run oneline 0 "oneline.txt: warning: sentence at byte 0 runs .* without an end mark" "$t/oneline.txt"
[ "$(rows oneline)" = 1 ] || fail "oneline: expected the one dictionary name at its end"

# a malformed dictionary or pattern file: exit 1, the file and line named,
# nothing written
printf 'X大学\tbogus/type\n' >"$t/bad.tsv"
run baddict 1 "bad.tsv:1: error: unknown type" --dict "$t/bad.tsv" "$t/good.txt"
[ ! -e "$t/out-baddict/mentions.tsv" ] || fail "baddict: output written"
printf 'name\torg\t(unclosed\n' >"$t/badpat.txt"
run badpat 1 "badpat.txt:1: error: bad regular expression" --patterns "$t/badpat.txt" "$t/good.txt"
[ ! -e "$t/out-badpat/mentions.tsv" ] || fail "badpat: output written"

# a rule that backtracks catastrophically costs a bounded amount of work
printf 'name\torg\t(a+)+b\n' >"$t/slowpat.txt"
python3 -c "print('a' * 30000 + 'cb。')" >"$t/slowtext.txt"
run slowpat 0 "" --format csv --patterns "$t/slowpat.txt" "$t/slowtext.txt"

# 100,000 small files in 100 directories: every one is read
python3 - "$t/many" <<'PY'
import os, sys
for i in range(100000):
    d = os.path.join(sys.argv[1], "d%03d" % (i // 1000))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "w") as f:
        f.write("南京大学与镇江高新区签约。\n")
PY
run many 0 "" --format csv --no-store "$t/many"
[ "$(rows many)" = 200000 ] || fail "many: expected 200000 mentions, got $(rows many)"
rm -rf "$t/many"

run missing 1 "nothere.txt" "$t/nothere.txt"
[ ! -e "$t/out-missing/mentions.tsv" ] || fail "missing: output written"

if [ "$(id -u)" != 0 ]; then
	cp "$t/good.txt" "$t/noperm.txt"; chmod 000 "$t/noperm.txt"
	run noperm 1 "noperm.txt: .*[Pp]ermission" "$t/noperm.txt" "$t/good.txt"
fi

mkdir -p "$t/loop/sub"; cp "$t/good.txt" "$t/loop/sub/a.txt"; ln -s .. "$t/loop/sub/up"
run symlinkloop 0 "loop" "$t/loop"
[ "$(rows symlinkloop)" = 2 ] || fail "symlinkloop: each file once"

printf 'x\n' >"$t/notadir"
run outnotdir 1 "notadir" "$t/good.txt" -o "$t/notadir/sub"

mkdir "$t/ro"; chmod 555 "$t/ro"
if [ "$(id -u)" != 0 ]; then
	run outreadonly 1 "ro" "$t/good.txt" -o "$t/ro"
fi

# disk full: RLIMIT_FSIZE makes writes past 1 KiB fail (SIGXFSZ ignored)
python3 -c "import sys; sys.stdout.write(('$good' * 40 + '\n') * 200)" >"$t/big.txt"
set +e
(trap '' XFSZ; ulimit -f 1; "$GUANXI" build -q "$t/big.txt" -o "$t/out-full") 2>"$t/full.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "diskfull: exit $rc, expected 1: $(cat "$t/full.err")"
[ ! -e "$t/out-full/mentions.tsv" ] || fail "diskfull: a truncated mentions.tsv was left"
ls -A "$t/out-full" | grep -q '^\.' && fail "diskfull: temporary file left"
echo "ok diskfull"
echo "badinput: all cases passed"

#!/usr/bin/env bash
# valgrind on the golden run (`guanxi build samples`): no invalid access, no
# use of undefined bytes, no definite leak, and still the golden output.
# Registered only in builds without sanitizers (valgrind and ASan do not
# mix); skipped (77) where valgrind is missing.
set -euo pipefail
if [ -z "${VALGRIND:-}" ] || [ ! -x "$VALGRIND" ]; then
	echo "valgrind not found: skipped"
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$SRC"
"$VALGRIND" -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--suppressions="$SRC/tests/valgrind.supp" "$GUANXI" build -q samples -o "$t" \
	2>"$t/valgrind.log" || {
	head -80 "$t/valgrind.log"
	echo "FAIL: valgrind reports errors on guanxi build samples"
	exit 1
}
if [ -s "$t/valgrind.log" ]; then
	head -40 "$t/valgrind.log"
	echo "FAIL: unexpected output on stderr"
	exit 1
fi
diff -q tests/golden/samples.mentions.tsv "$t/mentions.tsv" >/dev/null ||
	{ echo "FAIL: output under valgrind differs from the golden mentions"; exit 1; }
echo "valgrind: clean"

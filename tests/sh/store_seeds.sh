#!/usr/bin/env bash
# The store on the seed documents (needs ../shared; skipped otherwise):
# partners of 通富微电 are those seed 004 names with it, quoted from 004, and
# a Traditional spelling finds the same entity as the Simplified one.
# Entities of 004 the bundled dictionaries do not know yet are added from
# tests/fixtures/store/seed-extra.tsv, so this tests the store and queries,
# not dictionary coverage (tests/sh/seeds.sh scores that).
set -euo pipefail
shared="$SRC/../shared"
if [ ! -d "$shared/seeds" ]; then
	echo "SKIP: $shared/seeds not found"
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r "$SRC/dicts" "$t/dicts"
while IFS=$'\t' read -r name _; do
	case "$name" in '#'* | '') continue ;; esac
	if ! cat "$SRC"/dicts/entities/*.tsv | cut -f1 | grep -qxF "$name"; then
		grep -F "$name" "$SRC/tests/fixtures/store/seed-extra.tsv" >>"$t/dicts/entities/zz-seed-extra.tsv"
	fi
done <"$SRC/tests/fixtures/store/seed-extra.tsv"

"$GUANXI" build -q --format csv --dict-dir "$t/dicts" "$shared/seeds" -o "$t/out" || fail "build on the seeds"
db="$t/out/guanxi.db"
"$GUANXI" query --db "$db" partners 通富微电 --json -n 50 >"$t/tf.json" || fail "partners 通富微电"
"$GUANXI" query --db "$db" partners 鎮江高新區 --json -n 50 >"$t/trad.json" || fail "partners 鎮江高新區"
"$GUANXI" query --db "$db" partners 镇江高新区 --json -n 50 >"$t/simp.json" || fail "partners 镇江高新区"
python3 - "$t" <<'PY' || fail "seed partners (see above)"
import json, os, sys
d = sys.argv[1]
tf = json.load(open(os.path.join(d, "tf.json")))
assert tf["entity"]["name"] == "通富微电子股份有限公司", tf["entity"]
partners = {p["name"]: p for p in tf["partners"]}
for want in ("复旦大学", "中国科学院微电子研究所", "江苏捷捷微电子股份有限公司"):
    assert want in partners, (want, sorted(partners))
    ev = partners[want]["evidence"]
    assert ev and all(os.path.basename(e["doc"]).startswith("004_") for e in ev), ev
    assert "通富微电" in ev[0]["text"], ev[0]
trad = json.load(open(os.path.join(d, "trad.json")))
simp = json.load(open(os.path.join(d, "simp.json")))
assert trad["entity"]["id"] == simp["entity"]["id"], (trad["entity"], simp["entity"])
assert trad["partners"] == simp["partners"]
print("partners of 通富微电:", ", ".join(sorted(partners)))
PY
echo "ok"

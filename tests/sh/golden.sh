#!/usr/bin/env bash
# Golden output on real text: the bundled sample corpus gives exactly the
# mentions recorded in tests/golden/samples.mentions.tsv (regenerate, after
# reviewing the difference, with scripts/update-golden), and scores at least
# the recorded floor against the hand-made gold annotation of the samples.
set -euo pipefail
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$SRC"
"$GUANXI" build -q samples -o "$t"
if ! diff -u tests/golden/samples.mentions.tsv "$t/mentions.tsv" >"$t/diff"; then
	head -60 "$t/diff"
	echo "FAIL: mentions of samples/ differ from tests/golden/samples.mentions.tsv"
	exit 1
fi
python3 tests/tools/score_samples.py tests/fixtures/samples-gold samples "$t/mentions.tsv" \
	--min-mention 0.90 --min-entity 0.95
# The held-out set: documents of other cities, annotated before guanxi ever ran
# on them (tests/fixtures/heldout/README.md); a floor, not a golden file.
"$GUANXI" build -q tests/fixtures/heldout/docs -o "$t/heldout"
python3 tests/tools/score_samples.py tests/fixtures/heldout/gold tests/fixtures/heldout/docs \
	"$t/heldout/mentions.tsv" --min-mention 0.85 --min-entity 0.90
# The second held-out set, ten more cities (tests/fixtures/heldout2/README.md)
"$GUANXI" build -q tests/fixtures/heldout2/docs -o "$t/heldout2"
python3 tests/tools/score_samples.py tests/fixtures/heldout2/gold tests/fixtures/heldout2/docs \
	"$t/heldout2/mentions.tsv" --min-mention 0.86 --min-entity 0.90
# The fourth, ten more cities (tests/fixtures/heldout4/README.md)
"$GUANXI" build -q tests/fixtures/heldout4/docs -o "$t/heldout4"
python3 tests/tools/score_samples.py tests/fixtures/heldout4/gold tests/fixtures/heldout4/docs \
	"$t/heldout4/mentions.tsv" --min-mention 0.84 --min-entity 0.88
# The third, nine more regions: scored only, never tuned on (its README)
"$GUANXI" build -q tests/fixtures/heldout3/docs -o "$t/heldout3"
python3 tests/tools/score_samples.py tests/fixtures/heldout3/gold tests/fixtures/heldout3/docs \
	"$t/heldout3/mentions.tsv" --min-mention 0.78 --min-entity 0.87
echo "golden: ok"

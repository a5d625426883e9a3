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
	--min-mention 0.96 --min-entity 0.97
# The held-out sets: documents of other cities, each written with its gold
# annotation by someone who saw neither guanxi nor its dictionaries
# (tests/fixtures/heldout*/README.md); floors, not golden files. heldout3, heldout5,
# heldout7, heldout10 and heldout12 are scored only, never tuned on; the others were
# read for what the recogniser missed in general.
floor() { # floor SET MIN_MENTION MIN_ENTITY
	"$GUANXI" build -q "tests/fixtures/$1/docs" -o "$t/$1"
	python3 tests/tools/score_samples.py "tests/fixtures/$1/gold" "tests/fixtures/$1/docs" \
		"$t/$1/mentions.tsv" --min-mention "$2" --min-entity "$3"
}
floor heldout 0.94 0.96
floor heldout2 0.93 0.94
floor heldout3 0.84 0.90
floor heldout4 0.90 0.93
floor heldout5 0.87 0.91
floor heldout6 0.90 0.93
floor heldout7 0.86 0.89
floor heldout8 0.92 0.94
floor heldout9 0.89 0.93
floor heldout10 0.83 0.91
floor heldout11 0.86 0.92
floor heldout12 0.88 0.92
echo "golden: ok"

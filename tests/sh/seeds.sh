#!/usr/bin/env bash
# The seed documents scored against their gold annotations (needs ../shared,
# which CI has and a user's clone does not: then the test reports itself
# skipped). Fails if a score drops below the floor the project has reached.
set -euo pipefail
shared="$SRC/../shared"
if [ ! -x "$shared/eval/score" ] || [ ! -d "$shared/seeds" ]; then
	echo "SKIP: $shared (seeds, gold, scorer) not found"
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$GUANXI" build -q "$shared/seeds" -o "$out"
"$shared/eval/score" --gold "$shared/gold" --docs "$shared/seeds" \
	--mentions "$out/mentions.tsv" --edges "$out/edges.csv" --json >"$out/score.json"
cat "$out/score.json"
python3 - "$out/score.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
floors = {"mention": 0.95, "entity": 0.95, "edges": 0.90}
bad = [f"{k} F1 {s[k]['f1']} < {v}" for k, v in floors.items() if s[k]["f1"] < v]
if bad:
    sys.exit("seed score below floor: " + "; ".join(bad))
print("seed score at or above floors", floors)
PY

#!/usr/bin/env bash
# The network exports of `guanxi build` on samples/, read back with real
# readers: networkx (GraphML, GEXF), python-igraph (GraphML), xmllint (well
# formed; GEXF against the 1.3 RELAX NG schema), Graphviz (graph.dot), json.
# Counts and weights are recomputed independently from mentions.tsv.
set -euo pipefail
for tool in xmllint dot file; do
	command -v "$tool" >/dev/null || { echo "SKIP: $tool missing"; exit 77; }
done
# the Debian packages python3-networkx and python3-igraph belong to the system
# python, which a python3 earlier on PATH (pyenv, a venv) may not see
py=
for cand in python3 /usr/bin/python3; do
	if "$cand" -c 'import networkx, igraph' 2>/dev/null; then
		py=$cand
		break
	fi
done
[ -n "$py" ] || { echo "SKIP: no python3 with networkx and igraph"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$GUANXI" build -q "$SRC/samples" -o "$out/all" || fail "guanxi build"
for f in mentions.tsv nodes.csv edges.csv graph.graphml graph.gexf graph.json graph.dot \
	graph.svg graph.png summary.txt params.json; do
	[ -s "$out/all/$f" ] || fail "$f missing or empty"
done
if ls -A "$out/all" | grep -q '^\.'; then fail "temporary files left behind"; fi
xmllint --noout "$out/all/graph.graphml" || fail "graph.graphml is not well formed"
xmllint --noout --relaxng "$SRC/tests/fixtures/schemas/gexf-1.3/gexf.rng" "$out/all/graph.gexf" ||
	fail "graph.gexf does not validate against GEXF 1.3"
dot -Tsvg "$out/all/graph.dot" >"$out/dot.svg" || fail "dot -Tsvg graph.dot"
grep -q '<svg' "$out/dot.svg" || fail "dot output is no SVG"
file "$out/all/graph.png" | grep -q 'PNG image' || fail "graph.png is no PNG"
grep -q 'Noto Sans CJK SC' "$out/all/graph.dot" || fail "graph.dot has no CJK font"

"$py" - "$out/all" <<'PY' || fail "exports disagree (see above)"
import csv, json, math, sys, itertools, collections
import networkx as nx, igraph as ig
d = sys.argv[1]
def rows(name):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
nodes, edges = rows("nodes.csv"), rows("edges.csv")
params = json.load(open(f"{d}/params.json"))
assert len(nodes) > 20 and len(edges) > 20, (len(nodes), len(edges))
assert params["nodes"] == len(nodes) and params["edges"] == len(edges)
ids = {r["Id"] for r in nodes}
assert all(r["Source"] in ids and r["Target"] in ids for r in edges), "edge end not a node"

# independent recount from mentions.tsv: distinct entities per (doc, sentence)
units = collections.defaultdict(set)
with open(f"{d}/mentions.tsv", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        units[(r["doc"], r["sentence"])].add(r["entity"])
s = collections.Counter(e for u in units.values() for e in u)
c, docs = collections.Counter(), collections.defaultdict(set)
for (doc, _), u in units.items():
    for a, b in itertools.combinations(sorted(u), 2):
        c[(a, b)] += 1
        docs[(a, b)].add(doc)
N = params["units"]
got = {tuple(sorted((r["Source"], r["Target"]))): r for r in edges}
assert set(got) == set(c), f"pairs differ: {len(set(got) ^ set(c))}"
for p, r in got.items():
    a, b = p
    assert int(r["Count"]) == c[p] and int(r["Documents"]) == len(docs[p]), (p, r)
    assert math.isclose(float(r["Weight"]), c[p])
    assert math.isclose(float(r["Assoc"]), c[p] * N / (s[a] * s[b]), rel_tol=1e-8)
    assert math.isclose(float(r["Jaccard"]), c[p] / (s[a] + s[b] - c[p]), rel_tol=1e-8)
    assert math.isclose(float(r["Cosine"]), c[p] / math.sqrt(s[a] * s[b]), rel_tol=1e-8)
    assert math.isclose(float(r["PMI"]), math.log(c[p] * N / (s[a] * s[b])), rel_tol=1e-8, abs_tol=1e-9)
# degree and strength from the edge list
deg, strength = collections.Counter(), collections.Counter()
for (a, b), r in got.items():
    for x in (a, b):
        deg[x] += 1
        strength[x] += int(r["Count"])
for r in nodes:
    assert int(r["Degree"]) == deg[r["Id"]], r
    assert math.isclose(float(r["Strength"]), strength[r["Id"]]), r
heavy = max(edges, key=lambda r: (int(r["Count"]), r["Source"], r["Target"]))
hk = tuple(sorted((heavy["Source"], heavy["Target"])))

# GraphML through networkx: counts, typed attributes, a known weight
g = nx.read_graphml(f"{d}/graph.graphml")
assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges)
label = {n: a["label"] for n, a in g.nodes(data=True)}
for n, a in g.nodes(data=True):
    assert type(a["mentions"]) is int and type(a["degree"]) is int and type(a["leiden"]) is int, a
    assert type(a["pagerank"]) is float and type(a["betweenness"]) is float, a
    assert type(a["type"]) is str
e = next(a for u, v, a in g.edges(data=True) if tuple(sorted((label[u], label[v]))) == hk)
assert type(e["count"]) is int and e["count"] == int(heavy["Count"]), e
assert type(e["weight"]) is float and math.isclose(e["weight"], float(heavy["Weight"]))
assert "params" in g.graph and "unit=sentence" in g.graph["params"]

# GraphML through python-igraph (numbers come back as floats there)
h = ig.Graph.Read_GraphML(f"{d}/graph.graphml")
assert h.vcount() == len(nodes) and h.ecount() == len(edges)
assert sorted(h.vs["label"]) == sorted(ids)
byname = {r["Id"]: r for r in nodes}
for v in h.vs:
    assert int(v["mentions"]) == int(byname[v["label"]]["Mentions"])

# GEXF through networkx: counts, typed attributes, viz, the known weight
# networkx 2.8 (Debian 12) knows GEXF 1.1draft and 1.2draft only: read 1.3
# through the 1.2draft namespaces (the structure is the same for what we use)
# unless this networkx knows 1.3
import io
try:
    x = nx.read_gexf(f"{d}/graph.gexf", version="1.3")
except nx.NetworkXError:
    t = open(f"{d}/graph.gexf", encoding="utf-8").read()
    t = t.replace("http://gexf.net/1.3/viz", "http://www.gexf.net/1.2draft/viz")
    t = t.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft").replace('version="1.3"', 'version="1.2"')
    x = nx.read_gexf(io.BytesIO(t.encode("utf-8")))
assert x.number_of_nodes() == len(nodes) and x.number_of_edges() == len(edges)
for n, a in x.nodes(data=True):
    assert type(a["mentions"]) is int and type(a["pagerank"]) is float, a
    assert "position" in a["viz"] and "color" in a["viz"] and "size" in a["viz"], a
xl = {n: a["label"] for n, a in x.nodes(data=True)}
e = next(a for u, v, a in x.edges(data=True) if tuple(sorted((xl[u], xl[v]))) == hk)
assert e["count"] == int(heavy["Count"]) and math.isclose(e["weight"], float(heavy["Weight"]))
pos = {(a["viz"]["position"]["x"], a["viz"]["position"]["y"]) for _, a in x.nodes(data=True)}
assert len(pos) > len(nodes) // 2, "layout positions collapsed"

# JSON for D3, and evidence spans that hold both ends of the edge
j = json.load(open(f"{d}/graph.json", encoding="utf-8"))
assert len(j["nodes"]) == len(nodes) and len(j["links"]) == len(edges)
assert j["meta"]["unit"] == "sentence" and j["meta"]["weight"] == "count"
spans = collections.defaultdict(list)
with open(f"{d}/mentions.tsv", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        spans[(r["doc"], r["entity"])].append((int(r["start"]), int(r["end"])))
for l in j["links"]:
    assert 1 <= len(l["evidence"]) <= 3 and len(l["evidence"]) == min(3, l["count"]), l
    for ev in l["evidence"]:
        for ent in (l["source"], l["target"]):
            assert any(ev["start"] <= a and b <= ev["end"] for a, b in spans[(ev["doc"], ent)]), (l, ev)
print(f"ok: {len(nodes)} nodes, {len(edges)} edges, heaviest {hk} x{heavy['Count']}")
PY

# options: other units, filters, formats, bad values
"$GUANXI" build -q "$SRC/samples" -o "$out/doc" --unit document --format csv,summary
"$py" - "$out/all" "$out/doc" <<'PY' || fail "--unit document is no superset of sentence pairs"
import csv, json, sys
def pairs(d):
    with open(f"{d}/edges.csv", newline="", encoding="utf-8") as f:
        return {tuple(sorted((r["Source"], r["Target"]))): int(r["Count"]) for r in csv.DictReader(f)}
s, d = pairs(sys.argv[1]), pairs(sys.argv[2])
assert set(s) <= set(d) and len(d) > len(s), (len(s), len(d))
docs = json.load(open(f"{sys.argv[2]}/params.json"))["documents"]
assert docs == 6 and all(v <= docs for v in d.values())
PY
[ ! -e "$out/doc/graph.gexf" ] || fail "--format csv,summary wrote graph.gexf"
"$GUANXI" build -q "$SRC/samples" -o "$out/par" --unit paragraph --format csv
"$GUANXI" build -q "$SRC/samples" -o "$out/win" --unit window:200 --format csv
[ "$(wc -l <"$out/par/edges.csv")" -ge "$(wc -l <"$out/all/edges.csv")" ] ||
	fail "paragraph units found fewer pairs than sentences"
"$GUANXI" build -q "$SRC/samples" -o "$out/f" --min-count 2 --types org,zone --top-k 2 \
	--lcc --weight jaccard --format csv,json
"$py" - "$out/f" <<'PY' || fail "filters not applied"
import csv, json, sys
d = sys.argv[1]
nodes = list(csv.DictReader(open(f"{d}/nodes.csv", encoding="utf-8")))
edges = list(csv.DictReader(open(f"{d}/edges.csv", encoding="utf-8")))
assert all(r["Type"] in ("org", "zone") for r in nodes)
assert all(int(r["Count"]) >= 2 for r in edges)
assert all(abs(float(r["Weight"]) - float(r["Jaccard"])) < 1e-12 for r in edges)
assert json.load(open(f"{d}/graph.json"))["meta"]["lcc"] is True
PY
(umask 022 && "$GUANXI" build -q "$SRC/samples" -o "$out/t" --top-edges 5 --format csv)
[ "$(stat -c %a "$out/t/edges.csv")" = 644 ] ||
	fail "edges.csv mode $(stat -c %a "$out/t/edges.csv"), expected 644 under umask 022"
[ "$(wc -l <"$out/t/edges.csv")" -eq 6 ] || fail "--top-edges 5 did not keep 5 edges"
for bad in "--unit clause" "--unit window:0" "--weight dice" "--min-count -1" "--types person" \
	"--format pdf" "--resolution 0" "--evidence 9" "--paths 0" "--paths some" \
	"--layout-max -1"; do
	set +e
	# shellcheck disable=SC2086
	"$GUANXI" build -q "$SRC/samples" -o "$out/bad" $bad 2>/dev/null
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "'$bad' exited $rc, expected 2"
done
# path measures and positions: the samples are small, so by default the
# measures are exact and the exports positioned; asked for a sample of 8
# sources and no layout above 10 nodes, the exports say so and stay valid
"$py" - "$out/all/params.json" <<'PY' || fail "default paths/positions"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["paths"] == "exact" and p["path_sources"] == p["nodes"], p
assert p["positions"] is True and p["layout_max"] == 2000, p
PY
"$GUANXI" build -q "$SRC/samples" -o "$out/big" --paths 8 --layout-max 10 \
	--format gexf,json,summary || fail "build --paths 8 --layout-max 10"
xmllint --noout --relaxng "$SRC/tests/fixtures/schemas/gexf-1.3/gexf.rng" "$out/big/graph.gexf" ||
	fail "graph.gexf without positions does not validate"
! grep -q 'viz:position' "$out/big/graph.gexf" || fail "positions above --layout-max"
grep -q 'layout=none paths=sampled:' "$out/big/graph.gexf" || fail "GEXF does not say how"
grep -q 'ESTIMATES from' "$out/big/summary.txt" || fail "summary does not say estimated"
"$py" - "$out/big/params.json" "$out/big/graph.json" "$out/all/nodes.csv" <<'PY' ||
import csv, json, sys
p = json.load(open(sys.argv[1]))
g = json.load(open(sys.argv[2]))
assert p["paths"] == "sampled" and 8 <= p["path_sources"] < p["nodes"], p
assert p["positions"] is False, p
assert not any("x" in n for n in g["nodes"]), "JSON positions above --layout-max"
# an estimate of the betweenness that exists: the exact top node is in the
# sampled top 5
exact = sorted(csv.DictReader(open(sys.argv[3], encoding="utf-8")),
               key=lambda r: -float(r["Betweenness"]))[0]["Id"]
est = sorted(g["nodes"], key=lambda n: -n["betweenness"])[:5]
assert exact in [n["id"] for n in est], (exact, [n["id"] for n in est])
PY
	fail "sampled exports"
# units on a hand-checked document: 镇江市 and 南京市 share a sentence, 无锡市
# is in the next sentence of the same paragraph (line), 苏州市 in the next line.
# Characters: 镇江市 0, 南京市 4, 无锡市 10, line break 16, 苏州市 17.
mkdir -p "$out/u"
printf '镇江市与南京市合作。无锡市参加。\n苏州市发言。\n' >"$out/u/a.txt"
check_unit() {
	rm -rf "$out/uo"
	"$GUANXI" build -q "$out/u" -o "$out/uo" --unit "$1" --format csv,json
	got=$(tail -n +2 "$out/uo/edges.csv" | cut -d, -f1,2 | tr -d '\r' | paste -sd' ')
	[ "$got" = "$2" ] || fail "--unit $1: got '$got', expected '$2'"
}
all6="镇江市,南京市 镇江市,无锡市 镇江市,苏州市 南京市,无锡市 南京市,苏州市 无锡市,苏州市"
check_unit sentence "镇江市,南京市"
check_unit paragraph "镇江市,南京市 镇江市,无锡市 南京市,无锡市"
"$py" - "$out/uo/graph.json" <<'PY' || fail "paragraph evidence span"
import json, sys
ev = json.load(open(sys.argv[1]))["links"][0]["evidence"]
assert [(e["unit"], e["start"], e["end"]) for e in ev] == [(0, 0, 48)], ev
PY
check_unit document "$all6"
check_unit window:5 "镇江市,南京市"
check_unit window:20 "$all6"
# the scorer reads edges.csv as it is (where ../shared is present)
shared="$SRC/../shared"
if [ -x "$shared/eval/score" ] && [ -d "$shared/seeds" ]; then
	"$GUANXI" build -q "$shared/seeds" -o "$out/seeds" --format csv
	"$shared/eval/score" --gold "$shared/gold" --docs "$shared/seeds" \
		--mentions "$out/seeds/mentions.tsv" --edges "$out/seeds/edges.csv" --json >"$out/score.json" ||
		fail "the scorer cannot read edges.csv"
	"$py" - "$out/score.json" <<'PY' || fail "no edges score"
import json, sys
s = json.load(open(sys.argv[1]))
e = s["edges"]
assert e["tp"] > 0, e
print(f"seed edges: P={e['precision']} R={e['recall']} F1={e['f1']}")
PY
fi
echo "ok: network exports"

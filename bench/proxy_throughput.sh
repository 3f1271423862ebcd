#!/usr/bin/env bash
# Scoring throughput of snet's proxies against PyTorch computing the same proxy on the same candidates.
#
#   bench/proxy_throughput.sh [SPACE.snet] [CANDIDATES] [THREADS]
#
# snet: `snetc search --strategy random` scores CANDIDATES random candidates of the space with one
# proxy (NASWOT at batch 64, then Zen at batch 16) on THREADS workers. Two times per candidate:
# "whole run", the search's elapsed time (JIT warm-up included, JVM start excluded) over the
# candidates; "steady", the time between the first and the last half's completions over their
# count, once the JIT has settled (what a long search sees, and the peer's measure too: it times
# after a warm-up).
# PyTorch: the same candidates, exported with `snetc export --format pytorch`, scored by
# bench/proxy_peer.py with torch.set_num_threads(THREADS) (build + init + forward(s) + score; median
# of 3 runs after a warm-up). Both use the whole machine, one after the other. Report the ratio
# snet / PyTorch per proxy: below 1 is faster. Needs /usr/bin/python3 with Debian's python3-torch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
space="${1:-$root/examples/models/search/shufflenet_v2_space.snet}"
n="${2:-16}"
threads="${3:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for proxy in naswot zen; do
  ./snetc search "$space" --strategy random --trials "$n" --objective "$proxy" --workers "$threads" --seed 1 --json 2>/dev/null > "$work/$proxy.jsonl"
done
# The candidates (the same for both proxies: the sampling does not depend on the scores), exported for PyTorch.
/usr/bin/python3 - "$work/naswot.jsonl" > "$work/encodings.txt" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o.get("state") == "complete":
        print(o["encoding"])
PY
i=0
while read -r encoding; do
  args=()
  for kv in $encoding; do args+=(-P "$kv"); done
  ./snetc export --format pytorch "$space" "${args[@]}" -o "$work/c$i.py" >/dev/null
  i=$((i + 1))
done < "$work/encodings.txt"
/usr/bin/python3 bench/proxy_peer.py "$work"/c*.py --threads "$threads" --repeat 3 --json > "$work/peer.jsonl"
/usr/bin/python3 - "$work" "$n" "$threads" <<'PY'
import json, statistics, sys
work, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
peer = [json.loads(l) for l in open(f"{work}/peer.jsonl")]
for proxy, batch in (("naswot", 64), ("zen", 16)):
    lines = [json.loads(l) for l in open(f"{work}/{proxy}.jsonl")]
    done = sum(1 for o in lines if o.get("state") == "complete")
    whole_ms = lines[-1]["seconds"] * 1000 / done
    finished = sorted(o["finished_ms"] for o in lines if o.get("state") == "complete")
    half = len(finished) // 2
    steady_ms = (finished[-1] - finished[half - 1]) / (len(finished) - half)
    torch_ms = statistics.mean(p[f"{proxy}_ms"] for p in peer)
    print(f"{proxy:6s} batch {batch:2d}, {done} candidates, {threads} threads: PyTorch {torch_ms:6.1f} ms/candidate;"
          f" snet steady {steady_ms:6.1f} ({steady_ms / torch_ms:.2f}x), whole run {whole_ms:6.1f} ({whole_ms / torch_ms:.2f}x)")
PY

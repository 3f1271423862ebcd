#!/usr/bin/env bash
# Side by side, in one run, on the same model, weights, batch and thread count:
#   snet (compiled, `snetc bench`), ONNX Runtime through its Java API, PyTorch eager and TorchScript (frozen).
# Prints the medians and the ratios snet / peer (below 1: snet is faster), and keeps every
# measurement as JSON lines in bench/results/compare-<date>.jsonl.
#
#   bench/compare.sh                          # all models, batch 1 and 32, 1 and 2 threads
#   MODELS=cifar_g2 BATCHES="1 8" THREADS=1 bench/compare.sh
#   MODELS="v2plus_small spos" bench/compare.sh  # ShuffleNetV2+ Small, SPOS's model (not in the default set)
#   WARMUP=3 ITERATIONS=15 ROUNDS=3 (defaults): warm-up seconds; timed runs at batch 32 (batch b
#   gets 15 x 32 / b); rounds of turns, each engine's figure being the median of its rounds' medians
#   SNET_JAVA_OPTS="-XX:UseAVX=2" bench/compare.sh   # snet's JVMs held to 256-bit vectors in 16 registers
#                                                     # (an AVX2 machine's code paths, on an AVX-512 one)
#
# Needs a JDK >= 21 and Maven (ONNX Runtime comes from Maven Central), and Debian's python3-torch.
# PyTorch should use OpenBLAS (apt-get install libopenblas0-pthread): with the reference BLAS it
# is several times slower and the comparison would flatter snet.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
. tools/jdk.sh
snet_find_jdk || exit 2

MODELS=${MODELS:-"v2_x1_0 v1_g3 cifar_g2"}
BATCHES=${BATCHES:-"1 32"}
THREADS=${THREADS:-"1 2"}
WARMUP=${WARMUP:-3}
ITERATIONS=${ITERATIONS:-15}
ROUNDS=${ROUNDS:-3}
PY=/usr/bin/python3

if ! "$PY" -c "import torch, torchvision, numpy" 2>/dev/null; then
  echo "compare.sh: needs Debian's python3-torch, python3-torchvision and python3-numpy (apt-get install them)" >&2
  exit 2
fi
if ! ldconfig -p | grep -q libopenblas; then
  echo "compare.sh: warning: OpenBLAS is not installed; PyTorch will use the reference BLAS and look slower than it is." >&2
  echo "            apt-get install libopenblas0-pthread   (then run again)" >&2
fi

echo "building snetc and the benchmarks (ONNX Runtime from Maven Central)..." >&2
./mvnw -q -B -ntp -Pbench -DskipTests package >&2
./snetc check examples/models/shufflenet_v2.snet >/dev/null

SNET_JAVA_OPTS=${SNET_JAVA_OPTS:-}
isa="$(grep -o -w 'avx2\|avx512f\|fma\|asimd\|sve' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ')"
header="machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, ISA flags: ${isa:-unknown}; snet JVM options: ${SNET_JAVA_OPTS:-none}"
echo "$header" >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results
results="bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
: > "$results"

snet_model() {
  case "$1" in
    v2_x1_0) echo "examples/models/shufflenet_v2.snet -P width=1.0" ;;
    v1_g3) echo "examples/models/shufflenet_v1.snet -P groups=3" ;;
    cifar_g2) echo "examples/models/cifar_shufflenet.snet -P groups=2" ;;
    v2plus_small) echo "examples/models/shufflenet_v2_plus.snet -P size=Small" ;;
    spos) echo "examples/models/spos_searched.snet" ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}

for model in $MODELS; do
  for batch in $BATCHES; do
    echo "$model: exporting batch $batch to ONNX" >&2
    "$PY" tools/snet_peers.py export "$model" "$batch" "$work" 2>/dev/null
  done
  # Engines take turns on each configuration, so that a slow minute on this shared machine falls on
  # all of them rather than on one, and the whole turn is repeated ROUNDS times. Small batches get
  # more runs: a median of 15 runs of 3 ms says little.
  for round in $(seq 1 "$ROUNDS"); do
    for threads in $THREADS; do
      for batch in $BATCHES; do
        iterations=$(( ITERATIONS * 32 / batch > ITERATIONS ? ITERATIONS * 32 / batch : ITERATIONS ))
        echo "$model: round $round/$ROUNDS, batch $batch, $threads thread(s): snet, onnxruntime, pytorch ($iterations runs each)" >&2
        # shellcheck disable=SC2046
        SNETC_JAVA_OPTS="$SNET_JAVA_OPTS" ./snetc bench $(snet_model "$model") --weights "$work/$model.safetensors" --batch "$batch" --threads "$threads" \
            --warmup "$WARMUP" --iterations "$iterations" --json 2>/dev/null \
          | sed "s/^{/{\"engine\": \"snet\", \"model\": \"$model\", \"round\": $round, /" >> "$results"
        "$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar dev.snet.bench.OrtBench "$work/${model}_b$batch.onnx" "$batch" "$threads" \
            "$WARMUP" "$iterations" "$model" 2>/dev/null | sed "s/^{/{\"round\": $round, /" >> "$results"
        "$PY" tools/snet_peers.py time "$model" "$batch" "$threads" "$WARMUP" "$iterations" 2>/dev/null \
          | sed "s/^{/{\"round\": $round, /" >> "$results"
        if [ "$threads" = 1 ]; then
          # The same pair again in one JVM, in turns of about 200 ms (see HeadToHead.java): one thread only.
          echo "$model: round $round/$ROUNDS, batch $batch, 1 thread: snet and onnxruntime head to head, in 200 ms turns" >&2
          read -r file params <<<"$(snet_model "$model")"
          # shellcheck disable=SC2086
          "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector $SNET_JAVA_OPTS -cp bench/target/benchmarks.jar:compiler/target/snetc.jar \
              dev.snet.bench.HeadToHead "$file" "$(if [ -n "$params" ]; then echo "$params" | sed 's/-P //g; s/ /,/g'; else echo -; fi)" "$work/$model.safetensors" \
              "$work/${model}_b$batch.onnx" "$batch" "$WARMUP" "$(( batch < 8 ? 20 : ITERATIONS ))" "$model" 2>/dev/null \
            | sed "s/^{/{\"round\": $round, /" >> "$results"
        fi
      done
    done
  done
done

"$PY" - "$results" "$header" <<'PY'
import json, sys
import statistics
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
engines = ["onnxruntime-java", "pytorch-eager", "torchscript-frozen"]
rounds = {}
pairs = {}
for r in rows:
    if r["engine"] == "head-to-head":
        pairs.setdefault((r["model"], r["batch"]), []).append(r["ratio_median"])
        continue
    rounds.setdefault((r["engine"], r["model"], r["batch"], r["threads"]), []).append(r["median_ms"])
by = {k: {"median_ms": statistics.median(v)} for k, v in rounds.items()}
keys = sorted({(r["model"], r["batch"], r["threads"]) for r in rows if r["engine"] == "snet"})
print(sys.argv[2])
kernels = sorted({r.get("kernels", "?") for r in rows if r["engine"] == "snet"})
print("snet kernels: " + "; ".join(kernels) + "\n")
print(f"{'model':10} {'batch':>5} {'thr':>3} {'snet ms':>9} " + " ".join(f"{e:>20}" for e in engines) + "   snet/" + " snet/".join(e.split('-')[0] for e in engines)
      + "   snet/ort 200ms turns")
for m, b, t in keys:
    s = by[("snet", m, b, t)]["median_ms"]
    peers = [by.get((e, m, b, t)) for e in engines]
    cells = " ".join(f"{p['median_ms']:>17.2f} ms" if p else f"{'-':>20}" for p in peers)
    ratios = "  ".join(f"{s / p['median_ms']:>9.2f}" if p else f"{'-':>9}" for p in peers)
    h2h = f"{statistics.median(pairs[(m, b)]):>9.2f}" if t == 1 and (m, b) in pairs else f"{'-':>9}"
    print(f"{m:10} {b:>5} {t:>3} {s:>9.2f} {cells}   {ratios}   {h2h}")
print(f"\nmilliseconds per batch: each engine's median over {max(len(v) for v in rounds.values())} round(s) of its per-run medians; all JSON lines: {sys.argv[1]}")
print("200ms turns: snet and ONNX Runtime in one JVM on one thread, taking turns of about 200 ms; the median of the turn-by-turn ratios (median over rounds)")
PY

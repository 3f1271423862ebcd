#!/usr/bin/env bash
# A/B of one kernel (KernelAB.java) or a whole model (ModelAB.java) between two revisions, in one process:
#
#   bench/ab.sh HEAD~1 HEAD conv 116 116 14 1 1 1      # a 1x1 convolution, 116 -> 116 channels, 14x14
#   bench/ab.sh main WORK max 24 112 2                  # WORK: the working tree as it is
#   bench/ab.sh HEAD WORK conv 240 960 7 1 1 3 cold     # weights read from memory each call, as at batch 1
#   bench/ab.sh HEAD WORK model examples/models/shufflenet_v1.snet groups=3 1   # the model at batch 1, one thread
#   SNET_JAVA_OPTS=-XX:UseAVX=2 bench/ab.sh ...   # JVM options for the measuring JVM (here: 256-bit vectors, 16 registers)
#
# Each revision's runtime jar (snetc's for a model) is built in a temporary git worktree (./mvnw package: nothing installed).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
. tools/jdk.sh
snet_find_jdk || exit 2
if [ $# -lt 3 ]; then
  echo "usage: bench/ab.sh REV_A REV_B conv IN_C OUT_C SIZE KERNEL STRIDE GROUPS [cold] | max|avg CHANNELS SIZE STRIDE | model FILE k=v,..|- BATCH" >&2
  exit 2
fi
a="$1"; b="$2"; shift 2
work="$(mktemp -d)"
trap 'for t in "$work"/tree-*; do [ -d "$t" ] && git worktree remove --force "$t" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
if [ "$1" = model ]; then module=compiler; built=compiler/target/snetc.jar; tool=ModelAB; else module=runtime; built="runtime/target/snet-runtime-*.jar"; tool=KernelAB; fi
jar_of() {
  local rev="$1" name="$2" tree="$root"
  if [ "$rev" != WORK ]; then
    tree="$work/tree-$name"
    git worktree add --detach -q "$tree" "$rev"
  fi
  # shellcheck disable=SC2086
  (cd "$tree" && "$root/mvnw" -q -B -o -pl "$module" -am -DskipTests package >&2) && cp "$tree"/$built "$work/$name.jar"
}
jar_of "$a" a
jar_of "$b" b
isa="$(grep -o -w 'avx2\|avx512f\|fma\|asimd\|sve' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ')"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), ISA flags: ${isa:-unknown}; JVM options: ${SNET_JAVA_OPTS:-none}"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${SNET_JAVA_OPTS:-} "bench/ab/$tool.java" "$work/a.jar" "$work/b.jar" "$@" 2> >(grep -v "^WARNING: Using incubator" >&2)

#!/usr/bin/env bash
# A/B of one kernel between two revisions of the runtime, in one process (see KernelAB.java):
#
#   bench/ab.sh HEAD~1 HEAD conv 116 116 14 1 1 1      # a 1x1 convolution, 116 -> 116 channels, 14x14
#   bench/ab.sh main WORK max 24 112 2                  # WORK: the working tree as it is
#   bench/ab.sh HEAD WORK conv 240 960 7 1 1 3 cold     # weights read from memory each call, as at batch 1
#
# Each revision's runtime jar is built in a temporary git worktree (mvn package: nothing installed).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
. tools/jdk.sh
snet_find_jdk || exit 2
if [ $# -lt 3 ]; then
  echo "usage: bench/ab.sh REV_A REV_B conv IN_C OUT_C SIZE KERNEL STRIDE GROUPS [cold] | max|avg CHANNELS SIZE STRIDE" >&2
  exit 2
fi
a="$1"; b="$2"; shift 2
work="$(mktemp -d)"
trap 'for t in "$work"/tree-*; do [ -d "$t" ] && git worktree remove --force "$t" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
jar_of() {
  local rev="$1" name="$2"
  if [ "$rev" = WORK ]; then
    mvn -q -B -o -pl runtime -am -DskipTests package >&2 && cp runtime/target/snet-runtime-*.jar "$work/$name.jar"
  else
    git worktree add --detach -q "$work/tree-$name" "$rev"
    (cd "$work/tree-$name" && mvn -q -B -o -pl runtime -am -DskipTests package >&2) && cp "$work/tree-$name"/runtime/target/snet-runtime-*.jar "$work/$name.jar"
  fi
}
jar_of "$a" a
jar_of "$b" b
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector bench/ab/KernelAB.java "$work/a.jar" "$work/b.jar" "$@" 2> >(grep -v "^WARNING: Using incubator" >&2)

#!/usr/bin/env bash
# Alternates the Java CNN throughput harness and its PyTorch counterpart, one thread each, ROUNDS times,
# and prints every value and the medians. Needs `mvn -q -B -pl benchmarks -am install -DskipTests` first.
# (The first install must be online once: it fetches the nd4j-native classifier jar named in the parent pom.)
# Usage: PML_SRC=/path/to/pytorch-metric-learning/src benchmarks/scripts/cnn_throughput_side_by_side.sh [dataset dir] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/usr/share/datasets/fashion-mnist}
ROUNDS=${2:-3}
: "${PML_SRC:?set PML_SRC to the src directory of pytorch-metric-learning}"
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
CP_FILE=$(mktemp)
mvn -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="benchmarks/target/classes:$(cat "$CP_FILE")"
java_values=()
torch_values=()
java_cpu=()
torch_cpu=()
for r in $(seq 1 "$ROUNDS"); do
  jo=$(java -cp "$CP" org.metriclab.benchmarks.deep.CnnThroughput "$DATA" 2>/dev/null)
  to=$(PYTHONPATH="$PML_SRC" /usr/bin/python3 benchmarks/scripts/cnn_throughput_reference.py --data "$DATA")
  j=$(awk '/^java_cnn_samples_per_s/ {print $2}' <<< "$jo")
  jc=$(awk '/^java_cnn_samples_per_cpu_s/ {print $2}' <<< "$jo")
  t=$(awk '/^torch_cnn_samples_per_s/ {print $2}' <<< "$to")
  tc=$(awk '/^torch_cnn_samples_per_cpu_s/ {print $2}' <<< "$to")
  echo "round $r: java $j samples/s ($jc per CPU s), torch $t samples/s ($tc per CPU s), load $(cut -d' ' -f1 /proc/loadavg)"
  java_values+=("$j")
  torch_values+=("$t")
  java_cpu+=("$jc")
  torch_cpu+=("$tc")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
jm=$(median "${java_values[@]}")
tm=$(median "${torch_values[@]}")
jcm=$(median "${java_cpu[@]}")
tcm=$(median "${torch_cpu[@]}")
echo "median wall: java $jm samples/s, torch $tm samples/s, ratio java/torch $(awk -v a="$jm" -v b="$tm" 'BEGIN {printf "%.2f", a / b}')"
echo "median per CPU s: java $jcm, torch $tcm, ratio java/torch $(awk -v a="$jcm" -v b="$tcm" 'BEGIN {printf "%.2f", a / b}')"
rm -f "$CP_FILE"

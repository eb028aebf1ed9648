#!/usr/bin/env bash
# Alternates the Java CNN throughput harness and its PyTorch counterpart, one thread each, ROUNDS times,
# and prints every value and the medians. Needs `mvn -q -B -pl benchmarks -am install -DskipTests` first.
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
for r in $(seq 1 "$ROUNDS"); do
  j=$(java -cp "$CP" org.metriclab.benchmarks.deep.CnnThroughput "$DATA" 2>/dev/null | awk '/^java_cnn_samples_per_s/ {print $2}')
  t=$(PYTHONPATH="$PML_SRC" /usr/bin/python3 benchmarks/scripts/cnn_throughput_reference.py --data "$DATA" | awk '/^torch_cnn_samples_per_s/ {print $2}')
  echo "round $r: java $j samples/s, torch $t samples/s"
  java_values+=("$j")
  torch_values+=("$t")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
jm=$(median "${java_values[@]}")
tm=$(median "${torch_values[@]}")
echo "median: java $jm samples/s, torch $tm samples/s, ratio java/torch $(awk -v a="$jm" -v b="$tm" 'BEGIN {printf "%.2f", a / b}')"
rm -f "$CP_FILE"

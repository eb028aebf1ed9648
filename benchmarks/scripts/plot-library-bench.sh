#!/usr/bin/env bash
# Measures the two candidate plotting stacks on one 23-series chart (render time and output size for PNG, SVG, PDF).
# Needs java, javac, curl and the project's local Maven repository (XChart and VectorGraphics2D are project
# dependencies); JFreeChart, JFreeSVG and JFree PDF are fetched from Maven Central into a temporary folder.
# Usage: benchmarks/scripts/plot-library-bench.sh   (with MAVEN_OPTS=-Dmaven.repo.local=... if the repository is not ~/.m2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(echo "${MAVEN_OPTS:-}" | sed -n 's/.*-Dmaven.repo.local=\([^ ]*\).*/\1/p')
repo=${repo:-$HOME/.m2/repository}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
central=https://repo.maven.apache.org/maven2
for jar in org/jfree/jfreechart/1.5.6/jfreechart-1.5.6.jar org/jfree/org.jfree.svg/5.0.7/org.jfree.svg-5.0.7.jar \
           org/jfree/org.jfree.pdf/2.0.1/org.jfree.pdf-2.0.1.jar; do
  curl -sfL -o "$work/$(basename "$jar")" "$central/$jar"
done
cp=$(ls "$work"/*.jar | tr '\n' ':')$repo/org/knowm/xchart/xchart/4.0.3/xchart-4.0.3.jar:$repo/de/erichseifert/vectorgraphics2d/VectorGraphics2D/0.13/VectorGraphics2D-0.13.jar
javac -d "$work/classes" -cp "$cp" "$here/plotlib/PlotLibraryBench.java"
java -Xmx1g -cp "$work/classes:$cp" PlotLibraryBench

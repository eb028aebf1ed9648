#!/usr/bin/env bash
# Opens a MetricLab report.html in headless Chromium and checks that every embedded image decoded.
#
#   scripts/check-report.sh RESULTS_DIR/report.html [SCREENSHOT.png]
#
# The report's inline script sets data-loaded=N and data-total=M on its hidden <p id="image-check"> once the
# page has loaded; this script dumps the DOM after load and compares N with M. For the layout at 1400 px and
# the SVG files, see benchmarks/scripts/check-report-layout.sh. With a second
# argument it also saves a screenshot of the page. Needs chromium (Debian: apt-get install chromium).
# Exit codes: 0 every image loaded; 1 some image did not load or the check did not run; 2 usage or no chromium.
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [[ -z "$browser" ]]; then
  echo "$0: no chromium found; install it with: apt-get install chromium" >&2
  exit 2
fi
url="file://$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars)
dom="$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)"
check="$(grep -o '<p id="image-check"[^<]*' <<<"$dom" || true)"
if [[ -n "${2:-}" ]]; then
  "$browser" "${flags[@]}" --window-size=1200,2000 --screenshot="$2" "$url" >/dev/null 2>&1
  echo "screenshot: $2"
fi
loaded="$(sed -n 's/.*data-loaded="\([0-9]*\)".*/\1/p' <<<"$check")"
total="$(sed -n 's/.*data-total="\([0-9]*\)".*/\1/p' <<<"$check")"
if [[ -z "$loaded" || -z "$total" ]]; then
  echo "FAIL: the report's image check did not run in $browser" >&2
  exit 1
fi
echo "images loaded: $loaded/$total"
if [[ "$loaded" -ne "$total" || "$total" -eq 0 ]]; then
  echo "FAIL: not every image loaded" >&2
  exit 1
fi
echo "OK"

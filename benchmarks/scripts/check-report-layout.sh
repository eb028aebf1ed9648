#!/usr/bin/env bash
# Checks a MetricLab report.html the way a reader sees it, in headless Chromium at a 1400-px window:
#   - a screenshot of the page at 1400 px wide;
#   - no element wider than the viewport and no sideways scrolling of the page (elements inside a table's own
#     .scroll box are exempt: that box scrolls, the page does not);
#   - every image of the page decoded (complete, naturalWidth > 0);
#   - every SVG under plots/ next to the report is well-formed XML with an <svg> root (python3) and decodes as an
#     image in Chromium.
# Not a unit test: CI has only Java and Maven. Needs chromium (/usr/bin/chromium) and python3.
#
#   benchmarks/scripts/check-report-layout.sh REPORT.html [SCREENSHOT.png]
#
# Exit codes: 0 every check passed; 1 a check failed (each failure is printed); 2 usage or missing tools.
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [[ -z "$browser" ]] || ! command -v python3 >/dev/null 2>&1; then
  echo "$0: needs chromium and python3 (apt-get install chromium python3)" >&2
  exit 2
fi
report_dir="$(cd "$(dirname "$1")" && pwd)"
report="$report_dir/$(basename "$1")"
shot="${2:-$report_dir/report-1400px.png}"
width=1400
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,1000" --virtual-time-budget=20000)

# the checks run in a copy of the report (same folder, so plots/ resolves) with a script appended
probe="$report_dir/.layout-probe-$$.html"
trap 'rm -f "$probe"' EXIT
svgs=()
if [[ -d "$report_dir/plots" ]]; then
  while IFS= read -r f; do svgs+=("$f"); done < <(cd "$report_dir" && find plots -maxdepth 1 -name '*.svg' | sort)
fi
{
  sed 's#</body>##; s#</html>##' "$report"
  echo '<div id="svg-probe" style="position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden">'
  for s in "${svgs[@]}"; do echo "<img class=\"svg-probe\" alt=\"$s\" src=\"$s\">"; done
  cat <<'JS'
</div>
<script>
window.addEventListener('load', function () {
  var vw = document.documentElement.clientWidth;
  var tooWide = [];
  document.querySelectorAll('body *').forEach(function (e) {
    if (e.closest('#svg-probe') || (e.parentElement && e.parentElement.closest('.scroll'))) { return; }
    var r = e.getBoundingClientRect();
    if (r.width > vw + 0.5 || r.right > vw + 0.5) {
      tooWide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(r.width) + 'px');
    }
  });
  var images = Array.prototype.slice.call(document.images).filter(function (i) { return !i.closest('#svg-probe'); });
  var probes = Array.prototype.slice.call(document.querySelectorAll('img.svg-probe'));
  var bad = function (i) { return !(i.complete && i.naturalWidth > 0); };
  var out = document.createElement('pre');
  out.id = 'layout-check';
  out.textContent = JSON.stringify({
    viewport: vw,
    pageScrollWidth: document.documentElement.scrollWidth,
    tooWide: tooWide.slice(0, 20),
    tooWideCount: tooWide.length,
    images: images.length,
    undecoded: images.filter(bad).map(function (i) { return i.alt; }),
    svgs: probes.length,
    svgUndecoded: probes.filter(bad).map(function (i) { return i.alt; }),
    debugText: /images loaded/.test(document.body.innerText)
  });
  document.body.appendChild(out);
});
</script>
</body></html>
JS
} > "$probe"

dom="$("$browser" "${flags[@]}" --dump-dom "file://$probe" 2>/dev/null)"
"$browser" "${flags[@]}" --window-size="$width,3000" --screenshot="$shot" "file://$report" >/dev/null 2>&1 || true
json="$(python3 -c 'import html,re,sys; m=re.search(r"<pre id=\"layout-check\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "")' <<<"$dom")"
if [[ -z "$json" ]]; then
  echo "FAIL: the checks did not run in $browser" >&2
  exit 1
fi
REPORT_DIR="$report_dir" python3 - "$json" "$shot" "${svgs[@]}" <<'PY'
import json, os, sys
import xml.etree.ElementTree as ET
r = json.loads(sys.argv[1])
shot, svgs = sys.argv[2], sys.argv[3:]
failures = []
print(f"viewport {r['viewport']} px, page scroll width {r['pageScrollWidth']} px")
if r['pageScrollWidth'] > r['viewport']:
    failures.append(f"the page scrolls sideways ({r['pageScrollWidth']} > {r['viewport']} px)")
print(f"elements wider than the viewport (outside table scroll boxes): {r['tooWideCount']}")
if r['tooWideCount']:
    failures.append("too wide: " + "; ".join(r['tooWide']))
print(f"images decoded: {r['images'] - len(r['undecoded'])}/{r['images']}")
if r['undecoded'] or r['images'] == 0:
    failures.append("images not decoded: " + ", ".join(r['undecoded']))
malformed = []
for s in svgs:
    try:
        root = ET.parse(os.path.join(os.environ['REPORT_DIR'], s)).getroot()
        if not root.tag.endswith('svg'):
            malformed.append(f"{s} (root {root.tag})")
    except ET.ParseError as e:
        malformed.append(f"{s} ({e})")
print(f"SVG files well-formed: {len(svgs) - len(malformed)}/{len(svgs)}; decoded by the browser: {r['svgs'] - len(r['svgUndecoded'])}/{r['svgs']}")
if malformed or r['svgUndecoded']:
    failures.append("bad SVG: " + ", ".join(malformed + r['svgUndecoded']))
if r['debugText']:
    failures.append("debugging text ('images loaded') is shown to the reader")
print(f"screenshot ({r['viewport']} px wide): {shot}")
for f in failures:
    print("FAIL: " + f)
sys.exit(1 if failures else 0)
PY

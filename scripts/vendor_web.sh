#!/usr/bin/env bash
# Vendor the web page's JavaScript, CSS and map data from npm into
# src/warmonitor/web/static/vendor/, so the page needs no CDN and no internet.
# Usage: scripts/vendor_web.sh [NODE_MODULES_DIR]
# Without an argument it runs `npm install` of the pinned versions in a temporary folder.
set -euo pipefail

PACKAGES="leaflet@1.9.4 leaflet.markercluster@1.5.3 world-atlas@2.0.2 topojson-client@3.1.0"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/src/warmonitor/web/static/vendor"

if [[ $# -ge 1 ]]; then
  MODULES="$(cd "$1" && pwd)"
else
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  # A package.json of its own, so npm installs here and not into a parent's node_modules.
  echo '{"private": true}' > "$WORK/package.json"
  (cd "$WORK" && npm install --no-audit --no-fund --silent $PACKAGES)
  MODULES="$WORK/node_modules"
fi

# Copy into a fresh folder beside the old one, and swap only once every copy worked.
FINAL="$VENDOR"
VENDOR="$FINAL.new"
rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/leaflet.markercluster" "$VENDOR/topojson-client" "$VENDOR/world-atlas"

cp "$MODULES/leaflet/dist/leaflet.js" "$MODULES/leaflet/dist/leaflet.css" "$MODULES/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$MODULES/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$MODULES/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$MODULES/leaflet.markercluster/dist/MarkerCluster.css" \
   "$MODULES/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$MODULES/leaflet.markercluster/MIT-LICENCE.txt" "$VENDOR/leaflet.markercluster/"
cp "$MODULES/topojson-client/dist/topojson-client.min.js" "$MODULES/topojson-client/LICENSE" "$VENDOR/topojson-client/"
cp "$MODULES/world-atlas/countries-110m.json" "$MODULES/world-atlas/LICENSE" "$VENDOR/world-atlas/"

find "$VENDOR" -type f -exec chmod 644 {} +

# Record what was copied, from which versions.
{
  for pkg in leaflet leaflet.markercluster topojson-client world-atlas; do
    node -e "const p=require('$MODULES/$pkg/package.json'); console.log(p.name + '@' + p.version)"
  done
} > "$VENDOR/VERSIONS.txt"
rm -rf "$FINAL"
mv "$VENDOR" "$FINAL"
echo "vendored into $FINAL:" >&2
cat "$FINAL/VERSIONS.txt" >&2

#!/bin/sh
# Regenerates docs/screenshots/*.png, the pictures of the site in the README: the index and
# a record page of tests/fixtures/logs/site-basic, on a desktop and a phone, light and dark,
# taken by headless Chromium. Run from anywhere after `cargo build`:
#   scripts/screenshots.sh            (ADR=path/to/adr and CHROME=path/to/chromium to override)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
adr=${ADR:-$root/target/debug/adr}
chrome=${CHROME:-chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$root/tests/fixtures/logs/site-basic/." "$work/"
# The fixture has an unreadable record on purpose (exit code 1): the site is still made.
(cd "$work" && SOURCE_DATE_EPOCH=1763856000 "$adr" render --out site >/dev/null 2>&1) || true
test -f "$work/site/index.html" || { echo "adr render made no site" >&2; exit 2; }
out="$root/docs/screenshots"
mkdir -p "$out"

# shot NAME WIDTH,HEIGHT PAGE [extra chromium flags]
shot() {
  name=$1 size=$2 page=$3
  shift 3
  "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars --virtual-time-budget=3000 --window-size="$size" "$@" \
    --screenshot="$out/$name" "file://$work/site/$page" >/dev/null 2>&1
  echo "docs/screenshots/$name"
}

record=0001-use-fastapi-web-framework.html
shot index.png 1280,860 index.html
shot record.png 1280,860 "$record"
shot record-phone.png 390,844 "$record"
shot index-dark.png 1280,860 index.html --force-dark-mode
shot record-dark.png 1280,860 "$record" --force-dark-mode

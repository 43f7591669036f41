#!/bin/sh
# Installs what the browser tests and the PNG charts need from Debian, when it is missing:
# chromium (/usr/bin/chromium, driven by playwright-core; playwright never downloads a browser) and
# fonts-dejavu-core (the font sans-serif resolves to in Chromium and in resvg).
# Idempotent: prints nothing and changes nothing when both are present. Runs apt-get as root, or
# through sudo otherwise.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "ensure-chromium: need root or sudo to apt-get install$missing" >&2
  exit 1
fi

echo "ensure-chromium: installing$missing" >&2
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086 # $missing is a space-separated package list
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: /usr/bin/chromium is still missing after apt-get install" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when they are missing: the e2e tests and the demo
# drive these real browsers (Puppeteer cannot download its own here).
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Learnlog's browser tests need: ${missing[*]}. Install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing ${missing[*]} from Debian's packages…"
run apt-get update -q
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"

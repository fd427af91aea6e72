#!/usr/bin/env bash
# Before `pnpm test`: the system packages the test suites use (real components, never skipped).
#   /usr/bin/chromium             Debian package chromium        (browser end-to-end tests)
#   redis-server on PATH          Debian package redis-server    (multi-process collaboration tests)
#   /usr/bin/python3 + jwcrypto   Debian package python3-jwcrypto (independent JOSE checks)
# All there: silent. Missing, as root with apt-get: installs them, saying so. Otherwise: stops at once
# with the one command to run. EWTO_PREREQ_ROOT prefixes the absolute paths (for this script's test).
set -euo pipefail

root="${EWTO_PREREQ_ROOT:-}"

missing_packages() {
  local missing=()
  [ -x "$root/usr/bin/chromium" ] || missing+=(chromium)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  "$root/usr/bin/python3" -c 'import jwcrypto' >/dev/null 2>&1 || missing+=(python3-jwcrypto)
  echo "${missing[*]}"
}

missing="$(missing_packages)"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  {
    echo "pnpm test: missing system packages the tests need: $missing"
    if command -v apt-get >/dev/null 2>&1; then
      echo "Install them (Debian/Ubuntu), then run pnpm test again:"
    else
      echo "Install them (these are Debian's package names; on other systems install the equivalents"
      echo "with /usr/bin/chromium, redis-server on PATH and /usr/bin/python3 with jwcrypto), e.g.:"
    fi
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing"
  } >&2
  exit 1
fi

echo "pnpm test: installing the system packages the tests need: $missing (apt-get)"
# shellcheck disable=SC2086 # one word per package
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; }; then
  echo "pnpm test: apt-get could not install $missing; see its messages above" >&2
  exit 1
fi
still="$(missing_packages)"
if [ -n "$still" ]; then
  echo "pnpm test: still missing after apt-get install: $still" >&2
  exit 1
fi

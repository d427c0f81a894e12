#!/usr/bin/env bash
# Make sure the Debian packages given as arguments are installed.
#
#   scripts/system-packages.sh libpango-1.0-0 fonts-noto-cjk gettext ...
#
# Packages already installed are left alone. The missing ones are installed with apt-get when this runs
# as root; otherwise the script stops and prints the exact command to run. SKIP_SYSTEM_PACKAGES=1 skips
# the check (for a machine that is not Debian and has the libraries some other way).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

if [ "${SKIP_SYSTEM_PACKAGES:-0}" = "1" ]; then
    echo "system packages: check skipped (SKIP_SYSTEM_PACKAGES=1); needed: $*"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system packages: this is not a Debian-based system (no dpkg-query)." >&2
    echo "Install the equivalents of these Debian packages yourself: $*" >&2
    echo "then run again with SKIP_SYSTEM_PACKAGES=1." >&2
    exit 1
fi

missing=()
for pkg in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "system packages: all present ($*)"
    exit 0
fi

echo "system packages: missing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    {
        echo
        echo "These Debian packages are needed and are not installed. Install them with:"
        echo
        echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        echo
        echo "then run the same make command again."
    } >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "system packages: installing ${missing[*]} (running as root)"
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

# Verify: apt-get can succeed and still leave a package unconfigured.
still_missing=()
for pkg in "${missing[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        still_missing+=("$pkg")
    fi
done
if [ "${#still_missing[@]}" -ne 0 ]; then
    echo "system packages: still not installed after apt-get: ${still_missing[*]}" >&2
    exit 1
fi
echo "system packages: installed ${missing[*]}"

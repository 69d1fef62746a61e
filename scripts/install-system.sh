#!/usr/bin/env bash
# Installs the Debian packages Reelforge needs (listed in .ci/apt-packages.txt), skipping the
# apt run entirely when they are all present already.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=$(grep -v -E '^\s*(#|$)' .ci/apt-packages.txt | tr '\n' ' ')
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "Installing system packages:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

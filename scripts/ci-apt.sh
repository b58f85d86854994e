#!/usr/bin/env bash
# Debian packages the end-to-end tier needs, installed only when missing (.ci/run calls this):
#   chromium               the browser playwright-core drives (never `playwright install`: it downloads)
#   libkrb5-dev            headers for code-server's kerberos native module, built on `npm install`
#   build-essential python3 node-gyp's toolchain for those native modules
#   fonts-liberation       readable text in failure screenshots
set -euo pipefail

packages=(chromium libkrb5-dev build-essential python3 fonts-liberation)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "ci-apt: ${packages[*]} already installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "ci-apt: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

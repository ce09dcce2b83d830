#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: Debian packages for the browser tests
# (chromium) and the real-VS-Code tests (libkrb5-dev for code-server's native module), then npm
# packages from package-lock.json. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}"
fi
npm ci --no-audit --no-fund

#!/usr/bin/env bash
# Installs every Debian 12 package Cairn needs to build, test and benchmark.
# Idempotent: when everything is already installed it asks dpkg once and returns.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  antlr4 libantlr4-runtime-dev uuid-dev
  nlohmann-json3-dev libgit2-dev libcli11-dev libfmt-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libre2-dev libyaml-cpp-dev libyaml-dev libssl-dev libgmp-dev libmpfr-dev zlib1g-dev libicu-dev libcrypt-dev
  python3
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

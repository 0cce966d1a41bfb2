#!/usr/bin/env bash
# Install the Debian packages the tests need, only when the command they provide is missing.
# Each line of system-packages.txt is "COMMAND PACKAGE".
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r command package; do
  case "$command" in ''|'#'*) continue ;; esac
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done < requirements/system-packages.txt

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
printf 'Installing Debian packages: %s\n' "${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

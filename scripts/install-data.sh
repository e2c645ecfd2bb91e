#!/usr/bin/env bash
# Installs the visitor-intelligence data sets from Debian when they are missing:
# uap-core (user-agent rules) and tor-geoipdb (IP-to-country ranges). Parley runs without
# them too, reporting device and location as unknown.
set -euo pipefail

missing=()
[ -f /usr/share/uap-core/regexes.yaml ] || missing+=(uap-core)
[ -f /usr/share/tor/geoip ] || missing+=(tor-geoipdb)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-data: ${missing[*]} missing; run 'sudo apt-get install ${missing[*]}' for device and location data" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"

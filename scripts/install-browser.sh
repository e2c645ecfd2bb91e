#!/usr/bin/env bash
# Installs what the browser suite needs when it is missing: Debian's Chromium and its driver,
# and the Python packages in Tests/Browser/requirements.txt (Selenium, axe-core's runner,
# an SMTP server for the transcript test).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-dejavu-core fonts-noto-core
fi
if ! python3 -c 'import selenium, axe_selenium_python, aiosmtpd, pytest' 2>/dev/null; then
  python3 -m pip install -q -r Tests/Browser/requirements.txt
fi

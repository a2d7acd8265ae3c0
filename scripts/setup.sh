#!/usr/bin/env bash
# Set up pressgen on Debian: Python 3 with venv and pip, the system libraries
# pressgen needs, then a virtual environment in .venv holding pressgen (installed
# from this folder, as a wheel would be) with its test tools. Safe to run again; it
# only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# A minimal Debian has no python3, or python3 without venv (python3-venv also
# brings ensurepip, which puts pip into the environment).
# WeasyPrint draws with Pango; without libharfbuzz-subset0 it falls back to a
# font subsetting path about six times slower. The tests read PDFs back with
# poppler-utils and open the DOCX output in LibreOffice; the preview's test and
# the pictures of the HTML use the headless chromium. Chinese releases are set
# in Noto Serif CJK SC / Noto Sans CJK SC from fonts-noto-cjk (subset into PDFs).
packages=(
  python3 python3-venv
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fonts-dejavu-core
  fonts-noto-cjk
  poppler-utils
  libreoffice-writer-nogui
  chromium
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: pressgen needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)" >&2
  exit 1
}
[ -x .venv/bin/python ] || python3 -m venv .venv
# A .venv made while python3-venv was missing has no pip: add it.
.venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip --upgrade >/dev/null
.venv/bin/python -m pip install --quiet --disable-pip-version-check ".[test]"
echo "setup: pressgen $(.venv/bin/pressgen --version | cut -d' ' -f2) is ready in .venv"

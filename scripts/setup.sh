#!/usr/bin/env bash
# Set up pressgen on Debian: the system libraries it needs, then a virtual
# environment in .venv holding pressgen (installed from this folder, as a wheel
# would be) with its test tools. Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint draws with Pango; without libharfbuzz-subset0 it falls back to a
# font subsetting path about six times slower. The tests read PDFs back with
# poppler-utils and open the DOCX output in LibreOffice. Chinese releases are set
# in Noto Serif CJK SC / Noto Sans CJK SC from fonts-noto-cjk (subset into PDFs).
packages=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fonts-dejavu-core
  fonts-noto-cjk
  poppler-utils
  libreoffice-writer-nogui
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

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check ".[test]"
echo "setup: pressgen $(.venv/bin/pressgen --version | cut -d' ' -f2) is ready in .venv"

#!/usr/bin/env bash
# Install everything sociale-basis needs on a Debian/Ubuntu machine:
# tesseract with Dutch language data (OCR of scanned pages), poppler-utils
# (pdftotext, used by the benchmarks), chromium (the report tests open the HTML
# report in a real browser) and the Python package with its test tools.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-nld poppler-utils chromium)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup.sh: no apt-get here; install tesseract (with Dutch data) and poppler yourself for OCR." >&2
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test,e5]"
echo "setup.sh: ready. Try: sociale-basis --help" >&2

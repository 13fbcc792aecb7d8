#!/usr/bin/env bash
# Debian packages the handbook's PDFs and checks need, installed once per machine:
#   fonts-noto-cjk        the Japanese font embedded in the PDFs
#   libpango-1.0-0 …      the text layout library WeasyPrint (the PDF engine) uses
#   poppler-utils         pdftotext / pdffonts, to look inside the PDFs
#   chromium              the real browser the browser checks drive
# Debian's stable releases only ship security fixes, so the package names are enough: pinning an exact
# version would break the install as soon as a fix replaces it.
set -euo pipefail

packages=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
# A browser named in HANDBOOK_CHROMIUM (e.g. Google Chrome on GitHub's runners) stands in for Debian's.
if [ -z "${HANDBOOK_CHROMIUM:-}" ] || [ ! -x "${HANDBOOK_CHROMIUM}" ]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"

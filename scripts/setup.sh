#!/usr/bin/env bash
# Installs what tlslab needs (Debian 12, idempotent) and builds it into build/.
# Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
ensure_packages "${TLSLAB_BUILD_PACKAGES[@]}"
configure_build build -Dtests=false
meson compile -C build tlslab >/dev/null
echo "tlslab: built build/tlslab" >&2

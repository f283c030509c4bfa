#!/usr/bin/env bash
# Installs what tlslab needs (Debian 12, idempotent) and builds it into build/.
# Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
ensure_packages "${TLSLAB_BUILD_PACKAGES[@]}"
configure_build build -Dtests=false
# "tlslab" alone is ambiguous: the library and the program share the name.
if ! meson compile -C build tlslab:executable >/tmp/tlslab-setup-build.log 2>&1; then
  cat /tmp/tlslab-setup-build.log >&2
  echo "tlslab: the build failed (log above)" >&2
  exit 1
fi
echo "tlslab: built build/tlslab" >&2

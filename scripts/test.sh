#!/usr/bin/env bash
# Installs what the tests need (Debian 12, idempotent), builds tlslab with g++ and with clang++
# (warnings are errors), runs the whole suite with each, and ends with "N passed, M failed".
# Usage: bash scripts/test.sh
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
ensure_packages "${TLSLAB_BUILD_PACKAGES[@]}" "${TLSLAB_TEST_PACKAGES[@]}" || exit 1

status=0
dirs=()
for compiler in gcc clang; do
  dir=build-test-$compiler
  case $compiler in
    gcc) cxx=g++ ;;
    clang) cxx=clang++ ;;
  esac
  echo "== $compiler: configure and build ($dir)"
  if ! CXX=$cxx configure_build "$dir" -Dwerror=true -Dbenchmarks=enabled ||
    ! meson compile -C "$dir"; then
    echo "tlslab: build with $compiler failed" >&2
    status=1
    continue
  fi
  echo "== $compiler: meson test"
  meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
  dirs+=("$dir")
done

python3 scripts/test_summary.py "${dirs[@]}" || status=1
exit $status

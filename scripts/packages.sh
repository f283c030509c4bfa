# Sourced by the other scripts: the Debian 12 packages tlslab needs, and an idempotent installer.
# shellcheck shell=bash

# To build the library and the program.
TLSLAB_BUILD_PACKAGES=(g++ meson ninja-build pkg-config cmake python3
  libcrypto++-dev libsodium-dev libcli11-dev nlohmann-json3-dev libpcap0.8-dev libpsl-dev)
# To build and run the whole test suite (both compilers, benchmarks, the peers tests start).
TLSLAB_TEST_PACKAGES=(clang doctest-dev libbenchmark-dev libssl-dev openssl gnutls-bin curl nginx-light tshark
  tcpdump)

# ensure_packages PKG...: installs the packages that are missing; does nothing (no apt-get call
# at all) when every one is present.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "tlslab: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "tlslab: need root (or sudo) to install ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# configure_build DIR [meson setup args...]: configures DIR once (reconfiguring is meson's job on
# the next compile).
configure_build() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null
  fi
}

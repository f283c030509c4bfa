#!/usr/bin/env bash
# The installed package, as an application sees it (issue 14 item 6): `meson install` into a
# scratch root, then
#   1. every installed header is self-contained, includes only installed tlslab headers, and
#      names neither nlohmann nor libpcap;
#   2. examples/ builds with nothing but `pkg-config --cflags --libs tlslab`;
#   3. the example mTLS server and client (identities from password-protected .p12 files made
#      here with openssl) complete a handshake over 127.0.0.1 and exchange a message.
# Usage: installed_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
root=$(mktemp -d)
trap '[[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$root"' EXIT

meson install -C "$build" --destdir "$root/sysroot" --no-rebuild --quiet >/dev/null
pc=$(find "$root/sysroot" -name tlslab.pc | head -1)
[[ -n "$pc" ]] || { echo "FAIL: no tlslab.pc installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR="$root/sysroot"
cflags=$(pkg-config --cflags tlslab)
libs=$(pkg-config --libs tlslab)
incdir=$(find "$root/sysroot" -type d -path '*/include/tlslab' | head -1)
libdir=$(dirname "$(find "$root/sysroot" -name 'libtlslab.so' | head -1)")
cxx=${CXX:-c++}

# 1. The headers.
failures=0
headers=0
while IFS= read -r h; do
  rel=${h#"$incdir"/}
  headers=$((headers + 1))
  if grep -En '#\s*include\s*[<"](nlohmann/|pcap)' "$h"; then
    echo "FAIL: installed header tlslab/$rel includes nlohmann or libpcap"; failures=$((failures + 1))
  fi
  while IFS= read -r inc; do
    [[ -f "$incdir/${inc#tlslab/}" ]] || {
      echo "FAIL: tlslab/$rel includes $inc, which is not installed"; failures=$((failures + 1)); }
  done < <(sed -n 's/^\s*#\s*include\s*"\(tlslab\/[^"]*\)".*/\1/p' "$h")
  if grep -Eq '#\s*include\s*"[^t]' "$h"; then
    echo "FAIL: tlslab/$rel includes a header outside tlslab/"; failures=$((failures + 1))
  fi
  echo "#include <tlslab/$rel>" > "$root/one.cpp"
  # shellcheck disable=SC2086
  "$cxx" -std=c++20 -fsyntax-only $cflags "$root/one.cpp" 2> "$root/err" || {
    echo "FAIL: tlslab/$rel does not compile on its own:"; head -5 "$root/err"
    failures=$((failures + 1)); }
done < <(find "$incdir" -name '*.hpp' | sort)
echo "$headers installed headers checked"
for tool in vectors/vector.hpp trace/render_json.hpp pki/x509_json.hpp; do
  [[ ! -e "$incdir/$tool" ]] || { echo "FAIL: tools header $tool is installed"; failures=$((failures + 1)); }
done

# 2. The examples, from the installed package only (no -I into the source tree).
for example in mtls_server mtls_client; do
  # shellcheck disable=SC2086
  "$cxx" -std=c++20 -Wall -Wextra -Werror $cflags "$src/examples/$example.cpp" $libs \
    -o "$root/$example" || { echo "FAIL: examples/$example.cpp does not build"; exit 1; }
done
echo "examples built with: pkg-config --cflags --libs tlslab"

# 3. A real mTLS exchange between them.
pki=$src/tests/data/captures/pki
for who in server-p256 client-rsa; do
  openssl pkcs12 -export -in "$pki/$who.pem" -inkey "$pki/$who.key" -certfile "$pki/ca.pem" \
    -passout pass:s3cret -out "$root/$who.p12"
done
export LD_LIBRARY_PATH=$libdir
"$root/mtls_server" 0 "$root/server-p256.p12" s3cret "$pki/ca.pem" > "$root/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$root/server.out")
  [[ -n "$port" ]] && break
  sleep 0.05
done
[[ -n "$port" ]] || { echo "FAIL: the example server did not start:"; cat "$root/server.out"; exit 1; }
client_out=$(timeout 20 "$root/mtls_client" "$port" "$root/client-rsa.p12" s3cret "$pki/ca.pem" hello 2>&1) || {
  echo "FAIL: the example client failed: $client_out"; cat "$root/server.out"; exit 1; }
wait "$server_pid" || { echo "FAIL: the example server failed:"; cat "$root/server.out"; exit 1; }
server_pid=
echo "client: $client_out"
echo "server: $(tail -1 "$root/server.out")"
[[ "$client_out" == *"answers: echo: hello" ]] || { echo "FAIL: unexpected answer"; failures=$((failures + 1)); }
grep -q 'says: hello$' "$root/server.out" || { echo "FAIL: the server did not get the message"; failures=$((failures + 1)); }
grep -q 'client CN=' "$root/server.out" || { echo "FAIL: the server did not authenticate the client"; failures=$((failures + 1)); }

[[ $failures -eq 0 ]] || { echo "$failures failures"; exit 1; }
echo "installed package: OK"

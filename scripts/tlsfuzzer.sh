#!/usr/bin/env bash
# Runs the tlsfuzzer conformance list (../shared/conformance/tlsfuzzer) against `tlslab server`
# in the three client-authentication modes, the way docs/conformance.md was made: three servers
# on free loopback ports, the whole list per mode (twice with --twice, to show the servers
# survive it), a table of every entry. Exits 77 (skipped) when the tlsfuzzer mirrors or the
# harness are missing, so it can sit beside the normal suite without them.
#
# Usage: MIRROR_DIR=DIR bash scripts/tlsfuzzer.sh [--twice] [--out DIR] [--table FILE]
#   MIRROR_DIR   the folder holding tlsfuzzer+tlsfuzzer/repo and tlsfuzzer+tlslite-ng/repo
#   TLSLAB       the program (default build/tlslab)
#   HARNESS      the harness folder (default ../shared/conformance/tlsfuzzer)
set -uo pipefail
cd "$(dirname "$0")/.."
TLSLAB=${TLSLAB:-build/tlslab}
HARNESS=${HARNESS:-../shared/conformance/tlsfuzzer}
OUT=/tmp/tlslab-tlsfuzzer
TABLE=""
ROUNDS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --twice) ROUNDS=2; shift ;;
    --out) OUT=$2; shift 2 ;;
    --table) TABLE=$2; shift 2 ;;
    *) echo "usage: MIRROR_DIR=DIR $0 [--twice] [--out DIR] [--table FILE]" >&2; exit 2 ;;
  esac
done
if [ -z "${MIRROR_DIR:-}" ] || [ ! -d "$MIRROR_DIR/tlsfuzzer+tlsfuzzer/repo" ] ||
   [ ! -d "$MIRROR_DIR/tlsfuzzer+tlslite-ng/repo" ]; then
  echo "tlsfuzzer: SKIPPED: set MIRROR_DIR to the folder with the tlsfuzzer and tlslite-ng mirrors"
  exit 77
fi
[ -x "$HARNESS/run.sh" ] || [ -f "$HARNESS/run.sh" ] || { echo "tlsfuzzer: SKIPPED: no harness at $HARNESS"; exit 77; }
[ -x "$TLSLAB" ] || { echo "tlsfuzzer: $TLSLAB is not built (bash scripts/setup.sh)" >&2; exit 2; }
export MIRROR_DIR
C=$HARNESS/certs
mkdir -p "$OUT"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT

# start MODE VERIFY: a server on a free port, whose port goes into PORT (no subshell: the pid
# must reach the trap).
start() {
  local mode=$1 verify=$2 log="$OUT/server-$1.log" port=""
  "$TLSLAB" server --port 0 --accept 127.0.0.1 --cert "$C/server-rsa.crt" --key "$C/server-rsa.key" \
    --cert "$C/server-ec.crt" --key "$C/server-ec.key" --client-ca "$C/ca.crt" \
    --verify-client "$verify" --cipher ALL --alpn http/1.1 --http \
    > "$OUT/server-$mode.out" 2> "$log" &
  pids+=($!)
  for _ in $(seq 50); do
    port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$OUT/server-$mode.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "tlsfuzzer: the $mode server did not start: $(cat "$log")" >&2; exit 2; }
  PORT=$port
}

# What our CertificateRequest lists, for the cr-check entries (the default signature schemes
# and certificate types of src/handshake/config.cpp and server.cpp).
CR_SIGALGS="ecdsa_secp256r1_sha256 ecdsa_secp384r1_sha384 ecdsa_secp521r1_sha512 ed25519 rsa_pss_rsae_sha256 rsa_pss_rsae_sha384 rsa_pss_rsae_sha512 rsa_pkcs1_sha256 rsa_pkcs1_sha384 rsa_pkcs1_sha512 sha224+ecdsa sha224+rsa"
CR_TYPES="rsa_sign ecdsa_sign"
KEYS=("$C/client-rsa.key" "$C/client-rsa.crt" "$C/client-ec.key" "$C/client-ec.crt")

total_pass=0
total_fail=0
results=()
for spec in noauth:none clientauth:optional clientauth-required:required; do
  mode=${spec%%:*}
  start "$mode" "${spec##*:}"
  port=$PORT
  for round in $(seq "$ROUNDS"); do
    result="$OUT/$mode-$round.txt"
    args=(-o "$OUT/logs-$mode-$round" -t 120 -s reneg,sha1)
    [ "$mode" = noauth ] || args+=(--cr-sigalgs "$CR_SIGALGS" --cr-cert-types "$CR_TYPES")
    args+=(127.0.0.1 "$port" "$mode")
    [ "$mode" = noauth ] || args+=("${KEYS[@]}")
    bash "$HARNESS/run.sh" "${args[@]}" > "$result" 2>&1
    line=$(tail -n 1 "$result")
    echo "$mode (round $round): $line"
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$line")
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$line")
    [ -n "$p" ] || { echo "tlsfuzzer: the $mode run printed no summary" >&2; p=0; f=1; }
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    results+=("$mode=$result")
  done
  if ! kill -0 "${pids[${#pids[@]} - 1]}" 2>/dev/null; then
    echo "tlsfuzzer: the $mode server died: $(tail -n 5 "$OUT/server-$mode.log")" >&2
    total_fail=$((total_fail + 1))
  fi
done
if [ -n "$TABLE" ]; then
  python3 scripts/tlsfuzzer_table.py --list "$HARNESS/scripts.list" "${results[@]}" > "$TABLE"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

#!/bin/bash
# Makes the pcap fixtures of `tlslab vector from-pcap` (tests/vectors/test_pcap.cpp,
# tests/cli/from_pcap_checks.py) by capturing real TLS 1.2 connections on loopback: `openssl
# s_server` with the PKI of tests/data/captures/pki, `curl` with SSLKEYLOGFILE, `tcpdump` writing
# the capture. Needs root (tcpdump), openssl, curl, tcpdump and editcap/capinfos (wireshark-common).
# Rerun it and commit the outputs: *.pcap, *.pcapng, *.keylog and manifest.json (the ports, link
# types and suites the tests check the conversion against).
#   ecdhe-rsa.pcap       one connection, ECDHE-RSA, `tcpdump -i lo` (Ethernet link type)
#   static-rsa-mtls.pcap one connection, static RSA (AES128-GCM-SHA256) with an RSA client
#                        certificate, `tcpdump -i any` (Linux cooked v2 link type)
#   multi.pcapng         three connections (two to port A over IPv4, ECDHE-ECDSA; one to port B
#                        over IPv6), converted to pcapng by editcap
set -euo pipefail
cd "$(dirname "$0")"
OUT=$PWD
PKI=$(cd ../captures/pki && pwd)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {  # wait_for FILE TEXT: until TEXT appears in FILE (a server's or tcpdump's log)
  for _ in $(seq 100); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "make.sh: timed out waiting for '$2' in $1" >&2
  cat "$1" >&2
  exit 1
}
# start_server LOG OPENSSL-ARGS...: `openssl s_server -WWW` serving $WORK/hello.txt.
start_server() {
  local log=$1
  shift
  (cd "$WORK" && exec openssl s_server -WWW -tls1_2 "$@") >"$WORK/$log" 2>&1 </dev/null &
  PIDS+=($!)
  wait_for "$WORK/$log" ACCEPT
}
# start_capture IFACE FILE FILTER: tcpdump writing FILE, packets written at once (-U).
start_capture() {
  tcpdump -i "$1" -U -w "$2" "$3" 2>"$WORK/tcpdump.log" &
  TCPDUMP=$!
  wait_for "$WORK/tcpdump.log" "listening on"
}
stop_capture() {
  sleep 2  # libpcap hands packets to tcpdump in blocks, at the latest after 1 s
  kill -INT "$TCPDUMP"
  wait "$TCPDUMP" || true
}
fetch() {  # fetch KEYLOG CURL-ARGS...
  SSLKEYLOGFILE=$1 curl -sS --tlsv1.2 --tls-max 1.2 --cacert "$PKI/ca.pem" "${@:2}" >/dev/null
}

echo "hello from tlslab" >"$WORK/hello.txt"
rm -f ./*.pcap ./*.pcapng ./*.keylog manifest.json

# 1. One ECDHE-RSA connection on lo.
P1=$(free_port)
start_server s1.log -accept "$P1" -cert "$PKI/server-rsa.pem" -key "$PKI/server-rsa.key"
start_capture lo "$WORK/ecdhe-rsa.pcap" "tcp port $P1"
fetch "$OUT/ecdhe-rsa.keylog" "https://localhost:$P1/hello.txt"
stop_capture
cp "$WORK/ecdhe-rsa.pcap" .

# 2. Static RSA with a client certificate, captured on "any".
P2=$(free_port)
start_server s2.log -accept "$P2" -cert "$PKI/server-rsa.pem" -key "$PKI/server-rsa.key" \
  -Verify 1 -CAfile "$PKI/ca.pem"
start_capture any "$WORK/static-rsa-mtls.pcap" "tcp port $P2"
fetch "$OUT/static-rsa-mtls.keylog" --ciphers AES128-GCM-SHA256 \
  --cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key" "https://localhost:$P2/hello.txt"
stop_capture
cp "$WORK/static-rsa-mtls.pcap" .

# 3. Three connections: two to port A (IPv4, ECDSA server), one to port B (IPv6).
PA=$(free_port)
PB=$(free_port)
start_server sa.log -accept "$PA" -cert "$PKI/server-p256.pem" -key "$PKI/server-p256.key"
start_server sb.log -accept "[::1]:$PB" -cert "$PKI/server-rsa.pem" -key "$PKI/server-rsa.key"
start_capture lo "$WORK/multi.pcap" "tcp port $PA or tcp port $PB"
fetch "$OUT/multi.keylog" "https://localhost:$PA/hello.txt"
fetch "$OUT/multi.keylog" --ciphers ECDHE-ECDSA-AES128-SHA256 "https://localhost:$PA/hello.txt"
fetch "$OUT/multi.keylog" --resolve "localhost:$PB:[::1]" "https://localhost:$PB/hello.txt"
stop_capture
editcap -F pcapng "$WORK/multi.pcap" multi.pcapng

# The manifest: what the tests check the conversion against, as capinfos and tshark read the
# files (per TCP connection: ports, packets and payload bytes each way, the hellos' randoms, SNI).
python3 - "$P1" "$P2" "$PA" "$PB" <<'PY'
import json, subprocess, sys
p1, p2, pa, pb = (int(x) for x in sys.argv[1:])
def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
def connections(path):
    out = {}
    fields = run("tshark", "-r", path, "-T", "fields", "-E", "separator=/t", "-e", "tcp.stream",
                 "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.len", "-e", "tcp.flags.syn",
                 "-e", "tcp.flags.ack", "-e", "tls.handshake.type", "-e", "tls.handshake.random",
                 "-e", "tls.handshake.extensions_server_name")
    for line in fields.splitlines():
        stream, src, dst, length, syn, ack, types, random, sni = line.split("\t")
        c = out.setdefault(int(stream), {"packets": [0, 0], "payload": [0, 0]})
        if syn in ("1", "True") and ack in ("0", "False"):
            c["client_port"], c["server_port"] = int(src), int(dst)
        d = 0 if int(src) == c["client_port"] else 1
        c["packets"][d] += 1
        c["payload"][d] += int(length)
        if types.split(",")[0] == "1":
            c["client_random"], c["sni"] = random, sni
        if types.split(",")[0] == "2":
            c["server_random"] = random
    return [out[k] for k in sorted(out)]
def capture(file, keylog, **extra):
    link = run("capinfos", "-E", "-T", "-r", file).splitlines()[-1].split("\t")[1]
    packets = int(run("capinfos", "-c", "-T", "-r", file).splitlines()[-1].split("\t")[1])
    return dict(file=file, keylog=keylog, link_type=link, packets=packets,
                connections=connections(file), **extra)
tools = [run("openssl", "version").strip(), run("curl", "--version").splitlines()[0],
         subprocess.run(["tcpdump", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
         run("tshark", "--version").splitlines()[0]]
manifest = {"made_by": "tests/data/pcap/make.sh", "tools": tools, "captures": [
    capture("ecdhe-rsa.pcap", "ecdhe-rsa.keylog", ip=[4]),
    capture("static-rsa-mtls.pcap", "static-rsa-mtls.keylog", ip=[4], cipher="AES128-GCM-SHA256",
            client_certificate=True),
    capture("multi.pcapng", "multi.keylog", ip=[4, 4, 6])]}
with open("manifest.json", "w") as f:
    json.dump(manifest, f, indent=1)
    f.write("\n")
PY
ls -l ./*.pcap ./*.pcapng ./*.keylog

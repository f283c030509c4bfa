#!/usr/bin/env python3
"""Checks of `tlslab vector from-pcap` (issue 7, item 4): on the captures of tests/data/pcap (made
by its make.sh; manifest.json holds what tshark read from them) and live: openssl s_server,
tcpdump and curl with SSLKEYLOGFILE, then the conversion and `tlslab replay` (the README's three
commands). One check per meson test; the live one exits 77 (skipped) without root or tcpdump.

Usage: from_pcap_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIP = 77


def run(exe, args, cwd=None):
    p = subprocess.run([exe, "vector", "from-pcap", *args], capture_output=True, timeout=120,
                       cwd=cwd)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def data(source):
    return Path(source) / "tests/data/pcap"


def manifest(source):
    return json.loads((data(source) / "manifest.json").read_text())


def multi(source):
    m = manifest(source)["captures"][2]
    expect(m["file"] == "multi.pcapng", m["file"])
    return m


def list_line(i, c, ipv6, keylog):
    host = "[::1]:" if ipv6 else "127.0.0.1:"
    line = (f"  {i}  {host}{c['client_port']} -> {host}{c['server_port']}  packets "
            f"{c['packets'][0]}/{c['packets'][1]}  bytes {c['payload'][0]}/{c['payload'][1]}  "
            f"sni {c['sni']}")
    return line + ("  key log: yes" if keylog else "")


def check_list(exe, source):
    d, m = data(source), multi(source)
    expected = [list_line(i, c, m["ip"][i] == 6, True) for i, c in enumerate(m["connections"])]
    rc, out, err = run(exe, [str(d / "multi.pcapng"), "--list", "--keylog", str(d / "multi.keylog")])
    expect(rc == 0, f"exit {rc}: {err}")
    expect(out.splitlines() == expected, f"--list printed:\n{out}\nexpected:\n" + "\n".join(expected))
    # Without a key log: no key-log column; another connection's key log: "no".
    rc, out, _ = run(exe, [str(d / "multi.pcapng"), "--list"])
    expect(rc == 0 and out.splitlines() == [l[:-len("  key log: yes")] for l in expected], out)
    rc, out, _ = run(exe, [str(d / "ecdhe-rsa.pcap"), "--list", "--keylog", str(d / "multi.keylog")])
    expect(rc == 0 and out.endswith("  key log: no\n") and out.count("\n") == 1, out)


def check_pick(exe, source):
    d, m = data(source), multi(source)
    conns = m["connections"]
    base = [str(d / "multi.pcapng"), "--keylog", str(d / "multi.keylog")]
    picks = [(["--connection", "1"], 1), (["--port", str(conns[2]["server_port"])], 2),
             (["--port", str(conns[0]["client_port"])], 0)]
    for args, index in picks:
        rc, out, err = run(exe, base + args)
        expect(rc == 0, f"{args}: exit {rc}: {err}")
        v = json.loads(out)
        c = conns[index]
        expect(f"connection {index} (" in v["description"], f"{args}: {v['description']}")
        expect(v["name"] == f"pcap-{c['client_port']}", v["name"])
        expect(v["secrets"]["client_random"] == c["client_random"], f"{args}: client_random")
        expect(v["secrets"]["server_random"] == c["server_random"], f"{args}: server_random")
        expect(v["secrets"]["keylog"][0].startswith("CLIENT_RANDOM " + c["client_random"]),
               f"{args}: keylog {v['secrets']['keylog']}")
        expect(v["server_name"] == "localhost" and v["client"]["producer"] == "pcap", args)
        expect(v["client"]["config"]["link_type"] == "EN10MB", v["client"]["config"])
        expect("trust_anchors" not in v or not v["trust_anchors"], "anchors without --ca")
        expect(f"connection {index} (" in err, f"{args}: stderr {err}")


def check_output(exe, source):
    d = data(source)
    ca = Path(source) / "tests/data/captures/pki/ca.pem"
    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest(source)["captures"]:
            if entry["file"] == "multi.pcapng":
                continue
            out_file = Path(tmp) / (entry["file"].split(".")[0] + "-converted.json")
            rc, out, err = run(exe, [str(d / entry["file"]), "--keylog", str(d / entry["keylog"]),
                                     "--ca", str(ca), "-o", str(out_file)])
            expect(rc == 0 and out == "", f"{entry['file']}: exit {rc}: {err} {out[:200]}")
            v = json.loads(out_file.read_text())
            expect(v["name"] == out_file.stem, v["name"])
            expect(len(v["trust_anchors"]) == 1, "--ca")
            p = subprocess.run([exe, "replay", "--quiet", str(out_file)], capture_output=True,
                               timeout=120)
            expect(p.returncode == 0, f"{entry['file']}: replay: {p.stdout} {p.stderr}")
            expect(b"replays green" in p.stdout and b"server chain" in p.stdout, p.stdout)
        # A key log without the connection's line: built, with a warning; replay says why not.
        out_file = Path(tmp) / "wrong-key.json"
        rc, _, err = run(exe, [str(d / "ecdhe-rsa.pcap"), "--keylog", str(d / "multi.keylog"),
                               "-o", str(out_file)])
        expect(rc == 0 and "warning: the key log" in err and "no CLIENT_RANDOM line" in err, err)
        p = subprocess.run([exe, "replay", "--quiet", str(out_file)], capture_output=True,
                           timeout=120)
        expect(p.returncode == 1 and b"secrets.keylog: no CLIENT_RANDOM line" in p.stderr,
               p.stderr)


def check_errors(exe, source):
    d, m = data(source), multi(source)
    pa = m["connections"][0]["server_port"]
    keylog = ["--keylog", str(d / "multi.keylog")]
    cap = str(d / "multi.pcapng")
    # Several TLS connections and none chosen: 1, with the list.
    rc, out, err = run(exe, [cap] + keylog)
    expect(rc == 1 and out == "", f"exit {rc}")
    expect("has 3 TLS connections: choose one with --connection N or --port P" in err, err)
    expect(err.count(" -> ") == 3, err)
    rc, _, err = run(exe, [cap, "--port", str(pa)] + keylog)
    expect(rc == 1 and f"2 TLS connections with port {pa}" in err, f"{rc} {err}")
    rc, _, err = run(exe, [cap, "--port", "1"] + keylog)
    expect(rc == 1 and "no TLS connections with port 1" in err, f"{rc} {err}")
    rc, _, err = run(exe, [cap, "--connection", "7"] + keylog)
    expect(rc == 1 and "no TLS connection 7" in err, f"{rc} {err}")
    # Usage: 2.
    rc, _, err = run(exe, [cap, "--connection", "0"])
    expect(rc == 2 and "--keylog FILE is required" in err, f"{rc} {err}")
    rc, _, _ = run(exe, [cap, "--connection", "0", "--port", str(pa)] + keylog)
    expect(rc == 2, f"--connection with --port: {rc}")
    with tempfile.TemporaryDirectory() as tmp:
        bad_keylog = Path(tmp) / "bad.keylog"
        bad_keylog.write_text("CLIENT_RANDOM 00 11\n")
        rc, _, err = run(exe, [cap, "--keylog", str(bad_keylog)])
        expect(rc == 2 and "key log line 1 (CLIENT_RANDOM)" in err, f"{rc} {err}")
        # Unreadable or malformed captures: 4, naming the file (and packet).
        garbage = Path(tmp) / "garbage.pcap"
        garbage.write_bytes(b"this is not a capture file at all\n")
        rc, _, err = run(exe, [str(garbage)] + keylog)
        expect(rc == 4 and str(garbage) in err, f"{rc} {err}")
        whole = (d / "ecdhe-rsa.pcap").read_bytes()
        cut = Path(tmp) / "cut.pcap"
        cut.write_bytes(whole[:len(whole) - 30])
        rc, _, err = run(exe, [str(cut), "--list"])
        expect(rc == 4 and f"packet {manifest(source)['captures'][0]['packets']}: truncated" in err,
               f"{rc} {err}")
        rc, _, err = run(exe, [str(Path(tmp) / "missing.pcap"), "--list"])
        expect(rc == 4 and "missing.pcap" in err, f"{rc} {err}")
        # A capture without TLS: 1. (The ClientHello's first byte changed: not a handshake.)
        i = whole.index(bytes.fromhex("160301"))
        not_tls = Path(tmp) / "not-tls.pcap"
        not_tls.write_bytes(whole[:i] + b"\x17" + whole[i + 1:])
        rc, _, err = run(exe, [str(not_tls)] + keylog)
        expect(rc == 1 and "no TLS connection in" in err, f"{rc} {err}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(path, text, proc, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"no '{text}' from {proc.args[0]}: {path.read_text(errors='replace')}")


def check_live(exe, source):
    """The README's three commands, word for word with the port and paths substituted."""
    if os.geteuid() != 0:
        print("skipped: tcpdump needs root")
        return SKIP
    for tool in ("tcpdump", "openssl", "curl"):
        if shutil.which(tool) is None:
            print(f"skipped: {tool} is not installed")
            return SKIP
    pki = Path(source).resolve() / "tests/data/captures/pki"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "hello.txt").write_text("hello from tlslab\n")
        port = free_port()
        server_log = tmp / "server.log"
        server = subprocess.Popen(
            ["openssl", "s_server", "-accept", str(port), "-cert", str(pki / "server-rsa.pem"),
             "-key", str(pki / "server-rsa.key"), "-WWW", "-tls1_2"],
            cwd=tmp, stdin=subprocess.DEVNULL, stdout=server_log.open("w"),
            stderr=subprocess.STDOUT)
        tcpdump = None
        try:
            wait_for(server_log, "ACCEPT", server)
            # 1. capture
            dump_log = tmp / "tcpdump.log"
            tcpdump = subprocess.Popen(
                ["tcpdump", "-i", "lo", "-U", "-w", str(tmp / "capture.pcap"), "port", str(port)],
                stdout=subprocess.DEVNULL, stderr=dump_log.open("w"))
            wait_for(dump_log, "listening on lo", tcpdump)
            env = dict(os.environ, SSLKEYLOGFILE=str(tmp / "keys.log"))
            subprocess.run(["curl", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
                            str(pki / "ca.pem"), f"https://localhost:{port}/hello.txt"],
                           env=env, check=True, capture_output=True, timeout=60)
            # libpcap hands packets over in blocks, at the latest after its 1 s buffer timeout.
            time.sleep(2)
            tcpdump.send_signal(signal.SIGINT)
            tcpdump.wait(timeout=10)
        finally:
            if tcpdump and tcpdump.poll() is None:
                tcpdump.kill()
            server.terminate()
            server.wait(timeout=10)
        # 2. convert
        rc, out, err = run(exe, [str(tmp / "capture.pcap"), "--keylog", str(tmp / "keys.log"),
                                 "--ca", str(pki / "ca.pem"), "-o", str(tmp / "live.json")])
        expect(rc == 0, f"from-pcap: exit {rc}: {err}")
        # 3. replay
        p = subprocess.run([exe, "replay", str(tmp / "live.json")], capture_output=True,
                           timeout=120)
        expect(p.returncode == 0, f"replay: exit {p.returncode}: {p.stderr.decode()}")
        summary = p.stdout.decode().splitlines()[-1]
        expect(summary.startswith("live: replays green") and "server chain" in summary, summary)
        print(summary)
    return 0


CHECKS = {"list": check_list, "pick": check_pick, "output": check_output, "errors": check_errors,
          "live": check_live}

if __name__ == "__main__":
    exe, source, check = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.exit(CHECKS[check](exe, source) or 0)

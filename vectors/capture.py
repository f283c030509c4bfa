#!/usr/bin/env python3
"""Records real TLS 1.2 handshakes between real peers on loopback.

A small relay sits between a client and a server (OpenSSL's s_client/s_server, GnuTLS's
gnutls-cli/gnutls-serv) and logs the bytes of each direction in the order they arrive, together
with the client's NSS key log, the command lines and the peers' versions. Each scenario is
written as one JSON capture file:

    {"name", "description", "client": {"producer", "version", "command"}, "server": {...},
     "keylog": [...], "flights": [{"from": "client"|"server", "hex": "..."}], "pki": {...}}

The PKI (a CA, server and client certificates with RSA, P-256, P-384 and Ed25519 keys) is made
fresh by `openssl` for each run and stored next to the captures, so that everything a capture
refers to is in the repository.

Usage: vectors/capture.py OUTPUT_DIR [SCENARIO ...]     (default: every scenario)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def version_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout
        return out.strip().splitlines()[0] if out.strip() else ""
    except (OSError, subprocess.SubprocessError):
        return ""


# ---- PKI ---------------------------------------------------------------------------------------

EXT = """
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""

KEY_ARGS = {
    "rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "ed25519": ["-algorithm", "ED25519"],
}


def make_pki(d: Path):
    d.mkdir(parents=True, exist_ok=True)
    (d / "ext.cnf").write_text(EXT)

    def key(name, kind):
        run(["openssl", "genpkey", *KEY_ARGS[kind], "-out", str(d / f"{name}.key")])

    def cert(name, subject, section, issuer=None, days=3650):
        if issuer is None:
            run(["openssl", "req", "-new", "-x509", "-key", str(d / f"{name}.key"), "-subj", subject,
                 "-days", str(days), "-out", str(d / f"{name}.pem"), "-config", str(d / "ext.cnf"),
                 "-extensions", section, "-sha256"])
            return
        run(["openssl", "req", "-new", "-key", str(d / f"{name}.key"), "-subj", subject,
             "-config", str(d / "ext.cnf"), "-out", str(d / f"{name}.csr")])
        run(["openssl", "x509", "-req", "-in", str(d / f"{name}.csr"), "-CA", str(d / f"{issuer}.pem"),
             "-CAkey", str(d / f"{issuer}.key"), "-set_serial", str(abs(hash(name)) % 10**9 + 1),
             "-days", str(days), "-extfile", str(d / "ext.cnf"), "-extensions", section,
             "-out", str(d / f"{name}.pem"), "-sha256"])
        (d / f"{name}.csr").unlink()

    key("ca", "p256")
    cert("ca", "/O=tlslab test/CN=tlslab test CA", "ca")
    for kind in ("rsa", "p256", "p384", "ed25519"):
        key(f"server-{kind}", kind)
        cert(f"server-{kind}", f"/O=tlslab test/CN=localhost ({kind})", "server", "ca")
        key(f"client-{kind}", kind)
        cert(f"client-{kind}", f"/O=tlslab test/CN=client {kind}", "client", "ca")
    (d / "ext.cnf").unlink()


# ---- relay -------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Relay:
    """Accepts one connection on `listen_port`, connects to `target_port`, forwards both ways and
    logs every chunk with its direction."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.flights = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _pump(self, src, dst, who):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with self.lock:
                    if self.flights and self.flights[-1][0] == who:
                        self.flights[-1][1].extend(data)
                    else:
                        self.flights.append((who, bytearray(data)))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def _serve(self):
        self.sock.settimeout(30)
        try:
            client, _ = self.sock.accept()
        except OSError:
            return
        server = socket.create_connection(("127.0.0.1", self.target_port))
        t1 = threading.Thread(target=self._pump, args=(client, server, "client"))
        t2 = threading.Thread(target=self._pump, args=(server, client, "server"))
        t1.start(); t2.start(); t1.join(); t2.join()
        client.close(); server.close()

    def wait(self, timeout=20):
        self.thread.join(timeout)
        self.sock.close()


# ---- peers -------------------------------------------------------------------------------------

def openssl_server(pki, port, cert, suite, extra=()):
    return ["openssl", "s_server", "-accept", str(port), "-naccept", "1", "-tls1_2",
            "-cert", str(pki / f"{cert}.pem"), "-key", str(pki / f"{cert}.key"),
            "-CAfile", str(pki / "ca.pem"), "-cipher", suite, *extra]


def openssl_client(pki, port, cert, suite, keylog, extra=()):
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2",
           "-CAfile", str(pki / "ca.pem"), "-cipher", suite, "-keylogfile", str(keylog), *extra]
    if cert:
        cmd += ["-cert", str(pki / f"{cert}.pem"), "-key", str(pki / f"{cert}.key")]
    return cmd


def gnutls_server(pki, port, cert, priority, extra=()):
    return ["gnutls-serv", "-p", str(port), "--x509certfile", str(pki / f"{cert}.pem"),
            "--x509keyfile", str(pki / f"{cert}.key"), "--x509cafile", str(pki / "ca.pem"),
            "--priority", priority, *extra]


def gnutls_client(pki, port, cert, priority, extra=()):
    cmd = ["gnutls-cli", "-p", str(port), "--x509cafile", str(pki / "ca.pem"),
           "--priority", priority, "--verify-hostname", "localhost", *extra]
    if cert:
        cmd += ["--x509certfile", str(pki / f"{cert}.pem"), "--x509keyfile", str(pki / f"{cert}.key")]
    return cmd + ["127.0.0.1"]


GNUTLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"

# name -> (description, server kind, server args builder, client kind, client args builder)
SCENARIOS = {
    "openssl-ecdhe-ecdsa-aes128gcm-mtls": (
        "OpenSSL <-> OpenSSL, ECDHE-ECDSA AES-128-GCM over X25519, P-256 client certificate required",
        lambda pki, p: openssl_server(pki, p, "server-p256", "ECDHE-ECDSA-AES128-GCM-SHA256", ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-p256", "ECDHE-ECDSA-AES128-GCM-SHA256", kl,
                                          ["-servername", "localhost", "-alpn", "h2,http/1.1"])),
    "openssl-ecdhe-rsa-aes256gcm-p384-mtls": (
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-256-GCM over P-384, RSA client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES256-GCM-SHA384",
                                      ["-Verify", "1", "-groups", "P-384"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-rsa", "ECDHE-RSA-AES256-GCM-SHA384", kl,
                                          ["-groups", "P-384"])),
    "openssl-dhe-rsa-aes128gcm": (
        "OpenSSL <-> OpenSSL, DHE-RSA AES-128-GCM (finite-field DH), optional client certificate not sent",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "DHE-RSA-AES128-GCM-SHA256", ["-verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "DHE-RSA-AES128-GCM-SHA256", kl)),
    "openssl-rsa-aes128gcm-mtls": (
        "OpenSSL <-> OpenSSL, static RSA key exchange AES-128-GCM, Ed25519 client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "AES128-GCM-SHA256", ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-ed25519", "AES128-GCM-SHA256", kl)),
    "openssl-ecdhe-rsa-aes128cbc-sha256": (
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-128-CBC-SHA256 with encrypt_then_mac",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES128-SHA256"),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES128-SHA256", kl)),
    "openssl-ecdhe-rsa-aes256cbc-sha-noetm": (
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-256-CBC-SHA, MAC-then-encrypt (no encrypt_then_mac)",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES256-SHA", ["-no_etm"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES256-SHA", kl, ["-no_etm"])),
    "gnutls-client-openssl-server-chacha20-mtls": (
        "gnutls-cli -> OpenSSL s_server, ECDHE-RSA ChaCha20-Poly1305 over X25519, RSA client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-CHACHA20-POLY1305", ["-Verify", "1"]),
        None),
    "openssl-client-gnutls-server-ecdsa-mtls": (
        "OpenSSL s_client -> gnutls-serv, ECDHE-ECDSA AES-256-GCM, P-384 client certificate required",
        None,
        lambda pki, p, kl: openssl_client(pki, p, "client-p384", "ECDHE-ECDSA-AES256-GCM-SHA384", kl)),
}


def gnutls_scenario_commands(name, pki, port):
    if name == "gnutls-client-openssl-server-chacha20-mtls":
        return gnutls_client(pki, port, "client-rsa",
                             GNUTLS12 + ":-CIPHER-ALL:+CHACHA20-POLY1305:-KX-ALL:+ECDHE-RSA:-GROUP-ALL:+GROUP-X25519")
    if name == "openssl-client-gnutls-server-ecdsa-mtls":
        return gnutls_server(pki, port, "server-p384", GNUTLS12, ["--require-client-cert"])
    raise KeyError(name)


def capture(name, pki, out_dir):
    description, server_builder, client_builder = SCENARIOS[name]
    server_port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        keylog = Path(tmp) / "keylog.txt"
        server_cmd = (server_builder(pki, server_port) if server_builder
                      else gnutls_scenario_commands(name, pki, server_port))
        server = subprocess.Popen(server_cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        try:
            if not wait_port(server_port):
                raise RuntimeError(f"{name}: server did not start: {' '.join(server_cmd)}")
            # wait_port made one throwaway connection; OpenSSL's -naccept 1 counted it, so
            # restart an OpenSSL server that has exited.
            if server.poll() is not None or server_cmd[0] == "openssl":
                server.kill()
                server.wait()
                server_port = free_port()
                server_cmd = (server_builder(pki, server_port) if server_builder
                              else gnutls_scenario_commands(name, pki, server_port))
                server = subprocess.Popen(server_cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True)
                time.sleep(0.5)
            relay = Relay(server_port)
            client_cmd = (client_builder(pki, relay.port, keylog) if client_builder
                          else gnutls_scenario_commands(name, pki, relay.port))
            env = dict(os.environ, SSLKEYLOGFILE=str(keylog))
            client = subprocess.run(client_cmd, input="hello from the client\n", capture_output=True,
                                    text=True, timeout=20, env=env)
            relay.wait()
        finally:
            server.kill()
            server.wait()
        keylog_lines = keylog.read_text().splitlines() if keylog.exists() else []
    client_producer = client_cmd[0]
    server_producer = server_cmd[0]
    versions = {"openssl": version_of(["openssl", "version"]),
                "gnutls-cli": version_of(["gnutls-cli", "--version"]),
                "gnutls-serv": version_of(["gnutls-serv", "--version"]),
                "s_client": version_of(["openssl", "version"]),
                "s_server": version_of(["openssl", "version"])}
    rel = lambda cmd: [c.replace(str(pki), "$PKI") for c in cmd]
    doc = {
        "name": name,
        "description": description,
        "client": {"producer": client_producer, "version": versions.get(client_producer, ""),
                   "command": rel(client_cmd), "exit_status": client.returncode},
        "server": {"producer": server_producer, "version": versions.get(server_producer, ""),
                   "command": rel(server_cmd)},
        "pki": "pki/ (next to this file)",
        "keylog": keylog_lines,
        "flights": [{"from": who, "hex": bytes(data).hex()} for who, data in relay.flights],
    }
    (out_dir / f"{name}.json").write_text(json.dumps(doc, indent=1) + "\n")
    return doc


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    out_dir = Path(argv[1])
    names = argv[2:] or list(SCENARIOS)
    for tool in ("openssl", "gnutls-cli", "gnutls-serv"):
        if shutil.which(tool) is None:
            print(f"capture.py needs {tool} (Debian: openssl, gnutls-bin)", file=sys.stderr)
            return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    pki = out_dir / "pki"
    if not (pki / "ca.pem").exists():
        make_pki(pki)
    pki = pki.resolve()
    for name in names:
        doc = capture(name, pki, out_dir)
        sizes = {"client": 0, "server": 0}
        for f in doc["flights"]:
            sizes[f["from"]] += len(f["hex"]) // 2
        print(f"{name}: {len(doc['flights'])} flights, client {sizes['client']} bytes, "
              f"server {sizes['server']} bytes, {len(doc['keylog'])} key log lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

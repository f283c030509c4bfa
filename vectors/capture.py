#!/usr/bin/env python3
"""Records real TLS 1.2 handshakes between real peers on loopback.

A small relay sits between a client and a server (OpenSSL's s_client/s_server, GnuTLS's
gnutls-cli/gnutls-serv) and logs the bytes of each direction in the order they arrive, together
with the client's NSS key log, the command lines and the peers' versions. Each scenario is
written as one vector file in the format of vectors/README.md (tlslab-vector, format_version 1):
provenance and configuration per side, the certificates by role, the server's RSA key (static
RSA can then be decrypted without a key log), the trust anchor, the key log, the records of each
flight and the expectations the configuration implies (the one suite it allowed).

The PKI (a CA, server and client certificates with RSA, P-256, P-384 and Ed25519 keys) is made
by `openssl` on the first run into OUTPUT_DIR/pki and reused after (the committed vectors carry
its certificates: do not regenerate it), so that everything a vector refers to is in the
repository as well as inside the vector.

A scenario is one entry of SCENARIOS: a description, the server's and the client's command line
builders, and what a command line cannot say (resumption, extra expectations, OpenSSL
configuration lines). A new peer needs only its own builder next to openssl_server/gnutls_client.

Usage: vectors/capture.py OUTPUT_DIR [SCENARIO ...]     (default: every scenario)
       vectors/capture.py --convert FILE.json ...         (rewrite old-style captures in place)
"""
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable


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


# tlslab itself: $TLSLAB, or build/tlslab of this checkout. Its sides run with --seed (every
# random byte and ephemeral key from a seed, a fixed clock) and --vector-side, which writes the
# side's configuration and seed: the vector then allows `tlslab replay --act ROLE`, which
# reproduces that side byte for byte. The seed is derived from the scenario's name, so a
# recapture draws the same randomness. SIDE stands for the --vector-side file until capture()
# knows it.
TLSLAB = os.environ.get("TLSLAB", str(Path(__file__).resolve().parent.parent / "build" / "tlslab"))
SIDE = "<vector-side>"


def tlslab_seed(name, role):
    return hashlib.sha256(f"tlslab vector {name} {role}".encode()).hexdigest()


def tlslab_server(pki, port, cert, name, extra=()):
    return [TLSLAB, "server", "--accept", "127.0.0.1", "--port", str(port), "--naccept", "1",
            "--cert", str(pki / f"{cert}.pem"), "--key", str(pki / f"{cert}.key"), "--echo",
            "--seed", tlslab_seed(name, "server"), "--vector-side", SIDE, *extra]


def tlslab_client(pki, port, cert, name, keylog, extra=()):
    cmd = [TLSLAB, "client", f"127.0.0.1:{port}", "--ca", str(pki / "ca.pem"),
           "--servername", "localhost", "--keylog", str(keylog),
           "--seed", tlslab_seed(name, "client"), "--vector-side", SIDE, *extra]
    if cert:
        cmd += ["--cert", str(pki / f"{cert}.pem"), "--key", str(pki / f"{cert}.key")]
    return cmd


GNUTLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2"

# An OpenSSL configuration section (`system_default` of the ssl_conf module, read through
# OPENSSL_CONF) for what OpenSSL 3.0's s_client/s_server have no flag for: turning off
# extended_master_secret (RFC 7627) is `Options = -ExtendedMasterSecret`, no `-no_ems` before 3.2.
NO_EMS = ["Options = -ExtendedMasterSecret"]


@dataclass
class Scenario:
    """One capture: the server's argv from (pki, port), the client's from (pki, port, keylog)
    (OpenSSL takes -keylogfile; GnuTLS reads SSLKEYLOGFILE, which is always set), and what the
    command lines cannot say."""
    description: str
    server: Callable[[Path, int], list]
    client: Callable[[Path, int, Path], list]
    resume: bool = False  # a first connection saves the session, the captured one resumes it
    expect: dict = field(default_factory=dict)  # merged into the vector's `expect`
    # by role: lines of an OpenSSL `system_default` section the side runs with (OPENSSL_CONF)
    openssl_conf: dict = field(default_factory=dict)


SCENARIOS = {
    "openssl-ecdhe-ecdsa-aes128gcm-mtls": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-ECDSA AES-128-GCM over X25519, P-256 client certificate required",
        lambda pki, p: openssl_server(pki, p, "server-p256", "ECDHE-ECDSA-AES128-GCM-SHA256", ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-p256", "ECDHE-ECDSA-AES128-GCM-SHA256", kl,
                                          ["-servername", "localhost", "-alpn", "h2,http/1.1"])),
    "openssl-ecdhe-rsa-aes256gcm-p384-mtls": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-256-GCM over P-384, RSA client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES256-GCM-SHA384",
                                      ["-Verify", "1", "-groups", "P-384"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-rsa", "ECDHE-RSA-AES256-GCM-SHA384", kl,
                                          ["-groups", "P-384"])),
    "openssl-dhe-rsa-aes128gcm": Scenario(
        "OpenSSL <-> OpenSSL, DHE-RSA AES-128-GCM (finite-field DH), optional client certificate not sent",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "DHE-RSA-AES128-GCM-SHA256", ["-verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "DHE-RSA-AES128-GCM-SHA256", kl)),
    "openssl-rsa-aes128gcm-mtls": Scenario(
        "OpenSSL <-> OpenSSL, static RSA key exchange AES-128-GCM, Ed25519 client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "AES128-GCM-SHA256", ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-ed25519", "AES128-GCM-SHA256", kl)),
    "openssl-ecdhe-rsa-aes128cbc-sha256": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-128-CBC-SHA256 with encrypt_then_mac",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES128-SHA256"),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES128-SHA256", kl)),
    "openssl-ecdhe-rsa-aes256cbc-sha-noetm": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-256-CBC-SHA, MAC-then-encrypt (no encrypt_then_mac)",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES256-SHA", ["-no_etm"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES256-SHA", kl, ["-no_etm"])),
    "gnutls-client-openssl-server-chacha20-mtls": Scenario(
        "gnutls-cli -> OpenSSL s_server, ECDHE-RSA ChaCha20-Poly1305 over X25519, RSA client certificate",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-CHACHA20-POLY1305", ["-Verify", "1"]),
        lambda pki, p, kl: gnutls_client(
            pki, p, "client-rsa",
            GNUTLS12 + ":-CIPHER-ALL:+CHACHA20-POLY1305:-KX-ALL:+ECDHE-RSA:-GROUP-ALL:+GROUP-X25519")),
    "openssl-client-gnutls-server-ecdsa-mtls": Scenario(
        "OpenSSL s_client -> gnutls-serv, ECDHE-ECDSA AES-256-GCM, P-384 client certificate required",
        lambda pki, p: gnutls_server(pki, p, "server-p384", GNUTLS12, ["--require-client-cert"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-p384", "ECDHE-ECDSA-AES256-GCM-SHA384", kl)),
    "gnutls-client-openssl-server-rsa-aes128cbc-noems": Scenario(
        "gnutls-cli -> OpenSSL s_server, static RSA AES-128-CBC-SHA with encrypt_then_mac, "
        "extended_master_secret off (%NO_SESSION_HASH)",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "AES128-SHA"),
        lambda pki, p, kl: gnutls_client(
            pki, p, None,
            GNUTLS12 + ":-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1:-KX-ALL:+RSA:%NO_SESSION_HASH")),
    "openssl-alert-client-cert-missing": Scenario(
        "OpenSSL <-> OpenSSL, the server requires a client certificate (-Verify) and the client "
        "sends none: the handshake ends in the server's fatal alert",
        lambda pki, p: openssl_server(pki, p, "server-p256", "ECDHE-ECDSA-AES128-GCM-SHA256",
                                      ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-ECDSA-AES128-GCM-SHA256", kl),
        # OpenSSL's TLS 1.2 server answers a missing required certificate with handshake_failure
        # (ssl/statem/statem_srvr.c; certificate_required is TLS 1.3's).
        expect={"alert": {"sender": "server", "description": "handshake_failure"}}),
    "openssl-resume-session-id": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-128-GCM, an abbreviated handshake resuming a session "
        "by its session ID (no tickets; -sess_out then -sess_in)",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES128-GCM-SHA256",
                                      ["-naccept", "2", "-no_ticket"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES128-GCM-SHA256", kl,
                                          ["-no_ticket"]),
        resume=True),
    "openssl-resume-ticket": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-ECDSA AES-256-GCM, an abbreviated handshake resuming a session "
        "from an RFC 5077 ticket (-sess_out then -sess_in)",
        lambda pki, p: openssl_server(pki, p, "server-p256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                      ["-naccept", "2"]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-ECDSA-AES256-GCM-SHA384", kl),
        resume=True),
    # ---- second set (issue 7): the default suite and the groups, certificates and options the
    # first set left out.
    "openssl-client-gnutls-server-ecdsa-chacha20-p256": Scenario(
        "OpenSSL s_client -> gnutls-serv, ECDHE-ECDSA ChaCha20-Poly1305 with the key exchange over "
        "P-256 (secp256r1), P-256 server certificate; gnutls-serv requests a client certificate "
        "(its default), the client sends an empty one",
        lambda pki, p: gnutls_server(pki, p, "server-p256",
                                     GNUTLS12 + ":-CIPHER-ALL:+CHACHA20-POLY1305:-KX-ALL:+ECDHE-ECDSA"
                                     ":-GROUP-ALL:+GROUP-SECP256R1"),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-ECDSA-CHACHA20-POLY1305", kl,
                                          ["-groups", "P-256"])),
    "openssl-ecdhe-rsa-aes128gcm-ed25519-mtls": Scenario(
        "OpenSSL <-> OpenSSL, a full ECDHE-RSA AES-128-GCM handshake over X25519 with "
        "extended_master_secret, Ed25519 client certificate required",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES128-GCM-SHA256",
                                      ["-Verify", "1", "-groups", "X25519"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-ed25519", "ECDHE-RSA-AES128-GCM-SHA256", kl,
                                          ["-groups", "X25519"])),
    "openssl-ecdhe-rsa-aes256gcm-noems": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-RSA AES-256-GCM over X25519, extended_master_secret off on "
        "both sides (OPENSSL_CONF: Options = -ExtendedMasterSecret): neither hello carries it",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "ECDHE-RSA-AES256-GCM-SHA384"),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-RSA-AES256-GCM-SHA384", kl),
        openssl_conf={"client": NO_EMS, "server": NO_EMS}),
    "openssl-ecdhe-ed25519-server-aes256gcm-mtls": Scenario(
        "OpenSSL <-> OpenSSL, ECDHE-ECDSA AES-256-GCM with an Ed25519 server certificate "
        "(RFC 8422 ed25519 signatures in TLS 1.2), P-384 client certificate required",
        lambda pki, p: openssl_server(pki, p, "server-ed25519", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                      ["-Verify", "1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-p384", "ECDHE-ECDSA-AES256-GCM-SHA384", kl)),
    "gnutls-client-openssl-server-dhe-rsa-aes256cbc-sha256": Scenario(
        "gnutls-cli -> OpenSSL s_server, DHE-RSA (finite-field DH) AES-256-CBC-SHA256 with "
        "encrypt_then_mac",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "DHE-RSA-AES256-SHA256"),
        lambda pki, p, kl: gnutls_client(pki, p, None,
                                         GNUTLS12 + ":-CIPHER-ALL:+AES-256-CBC:-MAC-ALL:+SHA256"
                                         ":-KX-ALL:+DHE-RSA")),
    # ---- tlslab as one side, with --seed: these vectors also replay with --act (vectors/README.md)
    "tlslab-client-openssl-server-ecdsa-mtls": Scenario(
        "tlslab client -> OpenSSL s_server, tlslab's default offer (ECDHE-ECDSA AES-128-GCM chosen, "
        "X25519), P-256 client certificate required; the client side is reproducible (--seed)",
        lambda pki, p: openssl_server(pki, p, "server-p256", "ECDHE-ECDSA-AES128-GCM-SHA256",
                                      ["-Verify", "1"]),
        lambda pki, p, kl: tlslab_client(pki, p, "client-p256",
                                         "tlslab-client-openssl-server-ecdsa-mtls", kl)),
    "tlslab-client-openssl-server-rsa-aes128cbc-noems": Scenario(
        "tlslab client -> OpenSSL s_server, static RSA AES-128-CBC-SHA with encrypt_then_mac, "
        "extended_master_secret off on the client (--ems off); the client side is reproducible",
        lambda pki, p: openssl_server(pki, p, "server-rsa", "AES128-SHA"),
        lambda pki, p, kl: tlslab_client(pki, p, None, "tlslab-client-openssl-server-rsa-aes128cbc-noems",
                                         kl, ["--cipher", "TLS_RSA_WITH_AES_128_CBC_SHA",
                                              "--ems", "off"])),
    "openssl-client-tlslab-server-rsa-chacha20-mtls": Scenario(
        "OpenSSL s_client -> tlslab server (--echo), ECDHE-RSA ChaCha20-Poly1305 over X25519, RSA "
        "client certificate required; the server side is reproducible (--seed), it issues a ticket",
        lambda pki, p: tlslab_server(pki, p, "server-rsa", "openssl-client-tlslab-server-rsa-chacha20-mtls",
                                     ["--verify-client", "required", "--client-ca", str(pki / "ca.pem")]),
        lambda pki, p, kl: openssl_client(pki, p, "client-rsa", "ECDHE-RSA-CHACHA20-POLY1305", kl,
                                          ["-servername", "localhost"])),
    "openssl-client-tlslab-server-ecdsa-p384-ed25519": Scenario(
        "OpenSSL s_client -> tlslab server (--echo), ECDHE-ECDSA AES-256-GCM over P-384 with a P-384 "
        "server certificate, Ed25519 client certificate requested and sent; the server side is "
        "reproducible (--seed)",
        lambda pki, p: tlslab_server(pki, p, "server-p384", "openssl-client-tlslab-server-ecdsa-p384-ed25519",
                                     ["--verify-client", "optional", "--client-ca", str(pki / "ca.pem"),
                                      "--groups", "secp384r1"]),
        lambda pki, p, kl: openssl_client(pki, p, "client-ed25519", "ECDHE-ECDSA-AES256-GCM-SHA384", kl,
                                          ["-groups", "P-384"])),
    "openssl-client-tlslab-server-alert-no-client-cert": Scenario(
        "OpenSSL s_client -> tlslab server requiring a client certificate; the client sends none "
        "and tlslab ends the handshake with handshake_failure (RFC 5246 §7.4.6); the server side "
        "is reproducible (--seed)",
        lambda pki, p: tlslab_server(pki, p, "server-p256", "openssl-client-tlslab-server-alert-no-client-cert",
                                     ["--verify-client", "required", "--client-ca", str(pki / "ca.pem")]),
        lambda pki, p, kl: openssl_client(pki, p, None, "ECDHE-ECDSA-AES128-GCM-SHA256", kl),
        expect={"alert": {"sender": "server", "description": "handshake_failure"}}),
    "tlslab-client-tlslab-server-ed25519-mtls": Scenario(
        "tlslab client -> tlslab server, both reproducible (--seed): ECDHE-ECDSA ChaCha20-Poly1305 "
        "over P-256 with a P-256 server certificate, Ed25519 client certificate required, ALPN",
        lambda pki, p: tlslab_server(pki, p, "server-p256", "tlslab-client-tlslab-server-ed25519-mtls",
                                     ["--verify-client", "required", "--client-ca", str(pki / "ca.pem"),
                                      "--alpn", "http/1.1"]),
        lambda pki, p, kl: tlslab_client(pki, p, "client-ed25519", "tlslab-client-tlslab-server-ed25519-mtls", kl,
                                         ["--cipher", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                                          "--groups", "secp256r1", "--alpn", "h2,http/1.1"])),
}


def openssl_conf_env(role, scenario, tmp):
    """The environment a side runs in: OPENSSL_CONF naming a file with the scenario's
    `system_default` lines for that role, if it has any."""
    lines = scenario.openssl_conf.get(role)
    if not lines:
        return {}
    path = Path(tmp) / f"openssl-{role}.cnf"
    path.write_text("openssl_conf = openssl_init\n[openssl_init]\nssl_conf = ssl_sect\n"
                    "[ssl_sect]\nsystem_default = tls_defaults\n[tls_defaults]\n"
                    + "".join(line + "\n" for line in lines))
    return {"OPENSSL_CONF": str(path)}


def with_side(cmd, tmp, role):
    return [str(Path(tmp) / f"tlslab-{role}.json") if c == SIDE else c for c in cmd]


def capture(name, pki, out_dir):
    scenario = SCENARIOS[name]
    server_port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        keylog = Path(tmp) / "keylog.txt"
        tlslab_sides = {}
        server_env = dict(os.environ, **openssl_conf_env("server", scenario, tmp))
        client_env = dict(os.environ, SSLKEYLOGFILE=str(keylog),
                          **openssl_conf_env("client", scenario, tmp))
        server_cmd = with_side(scenario.server(pki, server_port), tmp, "server")
        server = subprocess.Popen(server_cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, env=server_env)
        try:
            if not wait_port(server_port):
                raise RuntimeError(f"{name}: server did not start: {' '.join(server_cmd)}")
            # wait_port made one throwaway connection; OpenSSL's -naccept 1 counted it, so
            # restart an OpenSSL server that has exited.
            # tlslab's --naccept 1 too (and its seeded stream must start afresh).
            if server.poll() is not None or server_cmd[0] in ("openssl", TLSLAB):
                server.kill()
                server.wait()
                server_port = free_port()
                server_cmd = with_side(scenario.server(pki, server_port), tmp, "server")
                server = subprocess.Popen(server_cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True, env=server_env)
                time.sleep(0.5)
            session = Path(tmp) / "session.pem"
            if scenario.resume:
                # A first, full handshake straight to the server saves the session; the
                # captured one (through the relay) resumes it.
                first = scenario.client(pki, server_port, keylog) + ["-sess_out", str(session)]
                subprocess.run(first, input="first\n", capture_output=True, text=True, timeout=20,
                               env=client_env)
            relay = Relay(server_port)
            client_cmd = with_side(scenario.client(pki, relay.port, keylog), tmp, "client")
            if scenario.resume:
                client_cmd += ["-sess_in", str(session)]
            client = subprocess.run(client_cmd, input="hello from the client\n", capture_output=True,
                                    text=True, timeout=20, env=client_env)
            relay.wait()
            if server_cmd[0] == TLSLAB:
                server.wait(timeout=10)  # --naccept 1: it exits after the connection
        finally:
            server.kill()
            server.wait()
        keylog_lines = keylog.read_text().splitlines() if keylog.exists() else []
        for role in ("client", "server"):
            side_file = Path(tmp) / f"tlslab-{role}.json"
            if side_file.exists():
                tlslab_sides[role] = json.loads(side_file.read_text())
    rel = lambda cmd: ["tlslab" if c == TLSLAB else
                       "$SIDE" if c.endswith(("/tlslab-client.json", "/tlslab-server.json")) else
                       c.replace(str(pki), "$PKI") for c in cmd]
    client_side = {"producer": rel(client_cmd)[0], "version": peer_version(client_cmd[0]),
                   "command": rel(client_cmd), "exit_status": client.returncode}
    server_side = {"producer": rel(server_cmd)[0], "version": peer_version(server_cmd[0]),
                   "command": rel(server_cmd)}
    when = datetime.now(timezone.utc)
    for side in tlslab_sides.values():
        # The seeded side's fixed clock is the capture time (its sessions carry it).
        when = datetime.strptime(side["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    doc = vector_doc(name, scenario.description, when, client_side,
                     server_side, pki, keylog_lines,
                     [(who, bytes(data)) for who, data in relay.flights], scenario.expect)
    # A seeded tlslab side: its configuration, its seed and (to sign and decrypt) its key.
    for role, side in tlslab_sides.items():
        doc[role]["config"]["tlslab"] = side["config"]["tlslab"]
        doc["secrets"].setdefault("ephemeral_keys", {})[role] = side["ephemeral_keys"]
        cert = doc[role]["config"].get("certificate")
        if cert:
            doc["private_keys"][role] = (pki / f"{cert}.key").read_text()
    # The command line does not show a configuration file: the side's config names its lines.
    for role, lines in scenario.openssl_conf.items():
        doc[role]["config"]["openssl_conf"] = {"system_default": lines}
    (out_dir / f"{name}.json").write_text(json.dumps(doc, indent=1) + "\n")
    return doc


def peer_version(producer):
    if producer == TLSLAB:
        return version_of([TLSLAB, "--version"])
    if producer == "openssl":
        return version_of(["openssl", "version"])
    return version_of([producer, "--version"])


# ---- the vector format (vectors/README.md) -----------------------------------------------------

# OpenSSL's names of the suites the scenarios allow, to the IANA names vectors use.
OPENSSL_SUITES = {
    "ECDHE-ECDSA-AES128-GCM-SHA256": "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384": "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "ECDHE-RSA-AES128-GCM-SHA256": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "DHE-RSA-AES128-GCM-SHA256": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    "AES128-GCM-SHA256": "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "AES128-SHA": "TLS_RSA_WITH_AES_128_CBC_SHA",
    "ECDHE-RSA-AES128-SHA256": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "ECDHE-RSA-AES256-SHA": "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "ECDHE-RSA-CHACHA20-POLY1305": "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "ECDHE-ECDSA-CHACHA20-POLY1305": "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "DHE-RSA-AES256-SHA256": "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
}


def option(cmd, *names):
    for i, c in enumerate(cmd[:-1]):
        if c in names:
            return cmd[i + 1]
    return None


def side_config(cmd):
    """The configuration a side's command line sets, as a free-form object."""
    config = {}
    cert = option(cmd, "-cert", "--x509certfile", "--cert")
    if cert:
        config["certificate"] = Path(cert).stem
    for key, names in (("cipher", ("-cipher", "--cipher")), ("priority", ("--priority",)),
                       ("groups", ("-groups", "--groups")),
                       ("server_name", ("-servername", "--servername")),
                       ("alpn", ("-alpn", "--alpn")), ("verify_depth", ("-verify", "-Verify"))):
        value = option(cmd, *names)
        if value is not None:
            config[key] = value
    if "-Verify" in cmd or "--require-client-cert" in cmd or option(cmd, "--verify-client") == "required":
        config["client_certificate"] = "required"
    elif option(cmd, "--verify-client") == "optional":
        config["client_certificate"] = "requested"
    elif "-verify" in cmd or (cmd[0] == "gnutls-serv" and "--disable-client-cert" not in cmd):
        # gnutls-serv sends a CertificateRequest unless told not to.
        config["client_certificate"] = "requested"
    flags = [c for c in cmd if c in ("-no_etm", "-no_ems", "-no_ticket", "-reconnect")]
    if option(cmd, "--ems"):
        flags.append("--ems=" + option(cmd, "--ems"))
    if flags:
        config["flags"] = flags
    return config


def split_records(data):
    out, pos = [], 0
    while pos + 5 <= len(data):
        length = int.from_bytes(data[pos + 3:pos + 5], "big")
        out.append(data[pos:pos + 5 + length].hex())
        pos += 5 + length
    if pos != len(data):  # a partial record at the end of a stream: kept as its own entry
        out.append(data[pos:].hex())
    return out


def vector_doc(name, description, when, client_side, server_side, pki, keylog_lines, flights,
               scenario_expect=None):
    for side in (client_side, server_side):
        # The key log's temporary path says nothing; the vector carries the key log itself.
        side["command"] = ["$KEYLOG" if c.endswith("/keylog.txt") else
                           "$SESSION" if c.endswith("/session.pem") else c for c in side["command"]]
        side["config"] = side_config(side["command"])
    certificates, private_keys = {}, {}
    for role, side in (("client", client_side), ("server", server_side)):
        cert = side["config"].get("certificate")
        if cert:
            certificates[role] = [(pki / f"{cert}.pem").read_text()]
            # The server's RSA key lets static-RSA vectors be decrypted without a key log; the
            # other keys stay in pki/ (vectors stay small).
            if role == "server" and cert.endswith("-rsa"):
                private_keys[role] = (pki / f"{cert}.key").read_text()
    doc = {
        "format": "tlslab-vector",
        "format_version": 1,
        "name": name,
        "description": description,
        "captured_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "client": client_side,
        "server": server_side,
        "certificates": certificates,
        "private_keys": private_keys,
        "trust_anchors": [(pki / "ca.pem").read_text()],
        "secrets": {"keylog": [l for l in keylog_lines if l and not l.startswith("#")]},
        "flights": [{"direction": who, "records": split_records(data)} for who, data in flights],
    }
    server_name = client_side["config"].get("server_name")
    if client_side["producer"] == "gnutls-cli":
        server_name = option(client_side["command"], "--verify-hostname")
    if server_name:
        doc["server_name"] = server_name
    expect = {}
    # gnutls-cli names suites by priority string; the OpenSSL side's -cipher (OpenSSL's name) or
    # tlslab's --cipher (IANA's) is the one allowed.
    ciphers = {OPENSSL_SUITES.get(c, c) for c in (client_side["config"].get("cipher"),
                                                  server_side["config"].get("cipher"))} - {None}
    if len(ciphers) == 1 and next(iter(ciphers)).startswith("TLS_"):
        expect["suite"] = next(iter(ciphers))
    expect["resumed"] = "-sess_in" in client_side["command"]
    expect.update(scenario_expect or {})
    doc["expect"] = expect
    return doc


def convert(path, pki):
    """Rewrites a capture of the first format ({"from", "hex"} flights) as a vector."""
    old = json.loads(path.read_text())
    if old.get("format") == "tlslab-vector":
        return
    when = subprocess.run(["git", "log", "-1", "--format=%cI", "--", str(path)], capture_output=True,
                          text=True).stdout.strip() or datetime.now(timezone.utc).isoformat()
    doc = vector_doc(old["name"], old["description"], datetime.fromisoformat(when), old["client"],
                     old["server"], pki, old["keylog"],
                     [(f["from"], bytes.fromhex(f["hex"])) for f in old["flights"]],
                     SCENARIOS[old["name"]].expect if old["name"] in SCENARIOS else None)
    path.write_text(json.dumps(doc, indent=1) + "\n")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    if argv[1] == "--convert":
        for name in argv[2:]:
            path = Path(name)
            convert(path, (path.parent / "pki").resolve())
        return 0
    out_dir = Path(argv[1])
    names = argv[2:] or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s): {' '.join(unknown)}; known: {' '.join(SCENARIOS)}",
              file=sys.stderr)
        return 2
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
            sizes[f["direction"]] += sum(len(r) // 2 for r in f["records"])
        print(f"{name}: {len(doc['flights'])} flights, client {sizes['client']} bytes, "
              f"server {sizes['server']} bytes, {len(doc['secrets']['keylog'])} key log lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

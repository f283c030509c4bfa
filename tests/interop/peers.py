"""Starting and talking to the peers of the interop suite: tlslab's own client and server, openssl
s_server/s_client, gnutls-serv/gnutls-cli, curl and nginx, all on 127.0.0.1 with ephemeral
ports, plus the test PKI (tests/data/captures/pki) turned into the files each peer wants.
"""
import hashlib
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSWORD = "interop pässword"  # non-ASCII on purpose: UTF-8 through every tool
KEY_TYPES = ["rsa", "p256", "p384", "ed25519"]
DEFAULT_SUITES = [
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
]


class Skip(Exception):
    """A peer binary is absent: the test says so and passes as skipped (exit 77)."""


def need(binary):
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists()
                                    else None)
    if path is None:
        raise Skip(f"{binary} is not installed")
    return path


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def free_port():
    """A port nobody listens on now (for peers that cannot be told to pick one themselves)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"peer exited early with {proc.returncode}: {read_all(proc)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def read_all(proc):
    try:
        out, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return (out or b"").decode(errors="replace") + (err or b"").decode(errors="replace")


def sha256_of_pem_cert(pem_text):
    """SHA-256 of the DER of the first certificate in `pem_text` (hex)."""
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem_text, re.S)
    expect(m, "no certificate in the peer's output")
    import base64
    return hashlib.sha256(base64.b64decode("".join(m.group(1).split()))).hexdigest()


class Pki:
    """The captured test PKI in a temporary directory, with .p12 files and a chain through an
    intermediate CA made with openssl at test time."""

    def __init__(self, source):
        self.source = source
        self.dir = Path(tempfile.mkdtemp(prefix="tlslab-interop-"))
        src = Path(source) / "tests/data/captures/pki"
        for f in src.iterdir():
            shutil.copy(f, self.dir / f.name)
        self.password_file = self.dir / "password"
        self.password_file.write_text(PASSWORD + "\n")
        self.openssl = need("openssl")

    def path(self, name):
        return str(self.dir / name)

    def cert_sha256(self, name):
        return sha256_of_pem_cert((self.dir / f"{name}.pem").read_text())

    def p12(self, name, *extra):
        """client-K.p12 with its chain (leaf, CA), made by `openssl pkcs12 -export`."""
        out = self.dir / f"{name}{''.join(extra).replace('-', '_')}.p12"
        if not out.exists():
            subprocess.run([self.openssl, "pkcs12", "-export", "-in", self.path(f"{name}.pem"),
                            "-inkey", self.path(f"{name}.key"), "-certfile", self.path("ca.pem"),
                            "-passout", f"file:{self.password_file}", "-out", str(out), *extra],
                           check=True, capture_output=True)
        return str(out)

    def intermediate_chain(self):
        """client-inter.pem (issued by inter.pem, issued by ca.pem) and its key."""
        if (self.dir / "client-inter.pem").exists():
            return
        o = self.openssl
        run = lambda *a: subprocess.run([o, *a], check=True, capture_output=True, cwd=self.dir)
        (self.dir / "inter.ext").write_text(
            "basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
            "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
        (self.dir / "leaf.ext").write_text(
            "basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\n"
            "extendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\n"
            "authorityKeyIdentifier=keyid\n")
        run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
            "inter.key")
        run("req", "-new", "-key", "inter.key", "-subj", "/O=tlslab test/CN=interop intermediate",
            "-out", "inter.csr")
        run("x509", "-req", "-in", "inter.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-set_serial", "77", "-days", "30", "-extfile", "inter.ext", "-out", "inter.pem")
        run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
            "client-inter.key")
        run("req", "-new", "-key", "client-inter.key", "-subj",
            "/O=tlslab test/CN=client via intermediate", "-out", "client-inter.csr")
        run("x509", "-req", "-in", "client-inter.csr", "-CA", "inter.pem", "-CAkey", "inter.key",
            "-set_serial", "78", "-days", "30", "-extfile", "leaf.ext", "-out",
            "client-inter.pem")

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run_check(kind, namespace):
    """The main of a check script: argv is TLSLAB_EXE SOURCE_DIR CHECK; runs `check_CHECK` of
    `namespace` with (exe, Pki), exit 77 when it raises Skip."""
    exe, source, check = sys.argv[1], sys.argv[2], sys.argv[3]
    pki = None
    try:
        pki = Pki(source)
        namespace["check_" + check](exe, pki)
    except Skip as s:
        print(f"{kind} {check}: SKIPPED: {s}")
        sys.exit(77)
    finally:
        if pki is not None:
            pki.cleanup()
    print(f"{kind} {check}: ok")


def openssl_name(iana):
    """The OpenSSL name of an IANA cipher suite name (from `openssl ciphers -stdname`)."""
    out = subprocess.run(["openssl", "ciphers", "-stdname", "ALL"], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == iana:
            return parts[2]
    raise AssertionError(f"openssl does not know {iana}")


class Server:
    """A server process and its port; stops it on exit."""

    def __init__(self, args, port=None, ready=None, stdin=subprocess.PIPE, cwd=None):
        self.proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.port = port
        if ready is not None:
            self.port = self._wait_line(ready)
        elif port is not None:
            wait_for_port(port, self.proc)

    def _wait_line(self, pattern, timeout=10):
        """Reads stdout until a line matches `pattern` (group 1: the port)."""
        deadline = time.time() + timeout
        buffered = b""
        while time.time() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buffered += chunk
                m = re.search(pattern, buffered.decode(errors="replace"))
                if m:
                    self.early_output = buffered
                    return int(m.group(1))
        raise AssertionError(f"server not ready: {buffered!r} {read_all(self.proc)}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        return read_all(self.proc)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def tlslab_server(exe, args):
    return Server([exe, "server", "--port", "0", "--accept", "127.0.0.1", *args],
                  ready=r"ACCEPT 127\.0\.0\.1:(\d+)")


def openssl_server(args):
    return Server([need("openssl"), "s_server", "-accept", "0", "-tls1_2", *args],
                  ready=r"ACCEPT \S+:(\d+)")


def run(args, input_bytes=b"", timeout=30, env=None):
    p = subprocess.run(args, input=input_bytes, capture_output=True, timeout=timeout, env=env)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def talk(args, send, until, timeout=15):
    """Starts a client process, writes `send` to its stdin, reads stdout until `until` appears,
    then closes stdin and collects everything. Returns (returncode, stdout, stderr)."""
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdin.write(send)
    proc.stdin.flush()
    out = b""
    deadline = time.time() + timeout
    while time.time() < deadline and until.encode() not in out:
        r, _, _ = select.select([proc.stdout], [], [], 0.2)
        if r:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    proc.stdin = None  # communicate() must not touch it again
    try:
        rest, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        rest, err = proc.communicate()
    return proc.returncode, (out + rest).decode(errors="replace"), err.decode(errors="replace")

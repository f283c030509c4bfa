#!/usr/bin/env python3
"""`tlslab server` against hostile and slow clients (issue 12): no input ends the process, no
client stalls the others, every connection ends with its alert and a clean close.

The client side is Python's ssl module (OpenSSL) driven through memory BIOs over a socket we
own, so a test can finish a real handshake and then write any bytes it likes on the wire.

Usage: server_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import expect, need, run_check, tlslab_server  # noqa: E402


def server(exe, pki, *extra):
    return tlslab_server(exe, ["--cert", pki.path("server-rsa.pem"), "--key",
                               pki.path("server-rsa.key"), *extra])


class RawTls:
    """A TLS 1.2 client whose records pass through our hands."""

    def __init__(self, port, timeout=5.0, ciphers="ECDHE-RSA-AES128-GCM-SHA256"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers(ciphers)
        self.incoming, self.outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.tls = ctx.wrap_bio(self.incoming, self.outgoing, server_hostname="localhost")

    def client_hello(self):
        """The ClientHello record(s), not sent."""
        try:
            self.tls.do_handshake()
        except ssl.SSLWantReadError:
            pass
        return self.outgoing.read()

    def handshake(self):
        while True:
            try:
                self.tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                self.flush()
                data = self.sock.recv(65536)
                expect(data, "the server closed the connection during the handshake")
                self.incoming.write(data)
        self.flush()

    def flush(self):
        data = self.outgoing.read()
        if data:
            self.sock.sendall(data)

    def send(self, plaintext):
        self.tls.write(plaintext)
        self.flush()

    def read_to_eof(self, timeout=5.0):
        """Every byte the server sends until it closes (a reset fails the check)."""
        self.sock.settimeout(timeout)
        out = b""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                chunk = self.sock.recv(65536)
            except ConnectionResetError:
                raise AssertionError(f"TCP reset after {len(out)} bytes: {out[:64].hex()}")
            if not chunk:
                return out
            out += chunk
        raise AssertionError(f"no close within {timeout} s; got {out[:64].hex()}")

    def decode(self, raw):
        """(plaintext, alert text) of records the server sent after the handshake."""
        self.incoming.write(raw)
        plain = b""
        try:
            while True:
                chunk = self.tls.read(65536)
                if not chunk:
                    return plain, "close_notify"
                plain += chunk
        except ssl.SSLZeroReturnError:
            return plain, "close_notify"
        except ssl.SSLWantReadError:
            return plain, None
        except ssl.SSLError as e:
            return plain, str(e)


def record_types(raw):
    types, pos = [], 0
    while pos + 5 <= len(raw):
        types.append(raw[pos])
        pos += 5 + struct.unpack(">H", raw[pos + 3:pos + 5])[0]
    return types


def curl(port, path="/", timeout=5):
    return subprocess.run([need("curl"), "-sSk", "--tlsv1.2", "-m", str(timeout),
                           f"https://127.0.0.1:{port}{path}"], capture_output=True, text=True)


def expect_serves(srv):
    if srv.proc.poll() is not None:
        raise AssertionError(f"the server died: {srv.stop()[-1500:]}")
    r = curl(srv.port)
    expect(r.returncode == 0 and "tlslab server" in r.stdout,
           f"a normal client is not served: curl exit {r.returncode} {r.stderr}")


def check_bad_record_after_handshake(exe, pki):
    """A1: the crash. A fatal alert on an established --http connection (a forged record, a
    second ChangeCipherSpec after Finished) ends that connection; the page is never written
    and the server goes on."""
    with server(exe, pki, "--http") as srv:
        for name, record in [("forged application data", b"\x17\x03\x03\x00\x20" + bytes(32)),
                             ("ChangeCipherSpec after Finished", b"\x14\x03\x03\x00\x01\x01")]:
            c = RawTls(srv.port)
            c.handshake()
            c.sock.sendall(record)
            raw = c.read_to_eof()
            expect(record_types(raw) == [0x15], f"{name}: records {record_types(raw)}, not one alert")
            plain, alert = c.decode(raw)
            expect(plain == b"", f"{name}: application data after the failure: {plain!r}")
            expect(alert is not None and "BAD_RECORD_MAC" in alert.upper() or
                   "UNEXPECTED_MESSAGE" in (alert or "").upper(), f"{name}: alert {alert!r}")
            expect_serves(srv)
        err = srv.stop()
    expect("bad_record_mac" in err, f"no reason logged: {err[-800:]}")


def check_http_request_forms(exe, pki):
    """A2/A3/A4: a bare-LF request head is answered at once; a partial head is not answered
    until it is complete; a client that closes before finishing it gets close_notify only."""
    with server(exe, pki, "--http") as srv:
        c = RawTls(srv.port)
        c.handshake()
        start = time.time()
        c.send(b"GET / HTTP/1.0\n\n")
        raw = c.read_to_eof(timeout=3)
        plain, alert = c.decode(raw)
        expect(plain.startswith(b"HTTP/1.1 200 OK") and alert == "close_notify",
               f"bare LF: {plain[:40]!r} {alert!r}")
        expect(time.time() - start < 2, f"bare LF answered after {time.time() - start:.1f} s")

        c = RawTls(srv.port)
        c.handshake()
        c.send(b"GET / HTTP/1.0\r\nHost: x\r\n")
        c.sock.settimeout(1.0)
        try:
            early = c.sock.recv(65536)
        except socket.timeout:
            early = b""
        expect(early == b"", f"answered a partial head: {early[:32].hex()}")
        c.send(b"\r\n")
        plain, alert = c.decode(c.read_to_eof())
        expect(plain.startswith(b"HTTP/1.1 200 OK"), f"completed head: {plain[:40]!r}")

        c = RawTls(srv.port)
        c.handshake()
        c.send(b"GET / HTTP/1.0\r\n")
        try:
            c.tls.unwrap()
        except ssl.SSLWantReadError:
            pass
        c.flush()
        raw = c.read_to_eof()
        expect(record_types(raw) == [0x15], f"after close_notify: records {record_types(raw)}")
        expect_serves(srv)


def check_alert_then_clean_close(exe, pki):
    """A5: a client whose first record fails and who keeps sending reads the alert, then a
    FIN: the server drains what it does not read instead of resetting the connection."""
    with server(exe, pki, "--http") as srv:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        junk = b"\x17\x03\x03\x40\x00" + bytes(16384)
        s.sendall(b"\x16\x03\x03\x00\x04\x01\x00\x00\x00" + junk * 8)
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except ConnectionResetError:
            raise AssertionError(f"TCP reset; got {out.hex()}")
        # fatal(2) decode_error(50): an empty ClientHello body.
        expect(out == b"\x15\x03\x03\x00\x02\x02\x32", f"got {out.hex()}")
        expect_serves(srv)


def check_concurrent_with_stalled_clients(exe, pki):
    """An idle TCP connection and a half-sent ClientHello stay open while 20 parallel curl
    clients are all served; both are closed after --handshake-timeout."""
    with server(exe, pki, "--http", "--handshake-timeout", "3") as srv:
        idle = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        half = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        hello = RawTls(srv.port).client_hello()
        half.sendall(hello[:len(hello) // 2])
        opened = time.time()
        results = [None] * 20

        def one(i):
            results[i] = curl(srv.port, f"/client-{i}", timeout=5)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        served = sum(1 for r in results if r.returncode == 0 and "tlslab server" in r.stdout)
        expect(served == 20, f"{served} of 20 clients served while two connections stall: "
               f"{[r.stderr for r in results if r.returncode != 0][:3]}")
        expect(time.time() - opened < 3, "the clients were served only after the timeout")
        for name, s in [("idle", idle), ("half ClientHello", half)]:
            s.settimeout(6)
            try:
                data = s.recv(100)
            except ConnectionResetError:
                data = b""
            expect(data == b"", f"{name}: got {data.hex()}")
        waited = time.time() - opened
        expect(2.5 < waited < 6, f"the stalled connections were closed after {waited:.1f} s")
        err = srv.stop()
    expect(err.count("the handshake timed out after 3 s") == 2, f"timeouts: {err[-1500:]}")


def check_idle_after_handshake(exe, pki):
    """--idle-timeout: an established connection that sends nothing gets close_notify."""
    with server(exe, pki, "--echo", "--idle-timeout", "2") as srv:
        c = RawTls(srv.port)
        c.handshake()
        start = time.time()
        plain, alert = c.decode(c.read_to_eof(timeout=6))
        expect(alert == "close_notify" and plain == b"", f"{plain!r} {alert!r}")
        expect(1.5 < time.time() - start < 5, f"closed after {time.time() - start:.1f} s")
        err = srv.stop()
    expect("idle for 2 s" in err, err[-800:])


def check_max_connections(exe, pki):
    """--max-connections: beyond the cap a new connection is closed unread; once the others
    are gone, clients are served again."""
    with server(exe, pki, "--http", "--max-connections", "2") as srv:
        held = [socket.create_connection(("127.0.0.1", srv.port), timeout=5) for _ in range(2)]
        time.sleep(0.3)
        third = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        start = time.time()
        try:
            data = third.recv(100)
        except ConnectionResetError:
            data = b""
        expect(data == b"" and time.time() - start < 2, f"third connection: {data!r}")
        for s in held:
            s.close()
        time.sleep(0.3)
        expect_serves(srv)
        err = srv.stop()
    expect("refused: 2 connections open (--max-connections 2)" in err, err[-800:])


def check_cipher_all_order(exe, pki):
    """--cipher ALL is strongest first under server preference: DHE before RSA key transport
    and AES-256-CBC before AES-128-CBC whatever the client's order; --prefer-client-ciphers
    follows the client's order."""
    def negotiated(srv, ciphers):
        c = RawTls(srv.port, ciphers=ciphers)
        c.handshake()
        return c.tls.cipher()[0]

    with server(exe, pki, "--http", "--cipher", "ALL") as srv:
        got = negotiated(srv, "AES128-SHA:DHE-RSA-AES128-SHA")
        expect(got == "DHE-RSA-AES128-SHA", f"ALL, client prefers RSA key transport: {got}")
        got = negotiated(srv, "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA")
        expect(got == "ECDHE-RSA-AES256-SHA", f"ALL, client prefers AES-128-CBC: {got}")
    with server(exe, pki, "--http", "--cipher", "ALL", "--prefer-client-ciphers") as srv:
        got = negotiated(srv, "AES128-SHA:DHE-RSA-AES128-SHA")
        expect(got == "AES128-SHA", f"--prefer-client-ciphers: {got}")


def corpus_inputs(source):
    """(name, [flights]) for every input of the fuzz corpora that hold what a client sends:
    records (a chunk byte, then the stream), handshake messages (one message, put in a
    handshake record) and the server target's framed client flights."""
    corpus = Path(source) / "fuzz/corpus"
    for f in sorted((corpus / "records").iterdir()):
        yield f"records/{f.name}", [f.read_bytes()[1:]]
    for f in sorted((corpus / "handshake").iterdir()):
        body = f.read_bytes()[:16384]
        yield f"handshake/{f.name}", [b"\x16\x03\x03" + struct.pack(">H", len(body)) + body]
    for f in sorted((corpus / "server").iterdir()):
        data, flights, pos = f.read_bytes(), [], 0
        while len(data) - pos >= 3:
            n = struct.unpack(">H", data[pos + 1:pos + 3])[0]
            flights.append(data[pos + 3:pos + 3 + n])
            pos += 3 + n
        yield f"server/{f.name}", flights


def check_fuzz_corpora_over_socket(exe, pki):
    """Every client input the fuzz corpora hold, each on its own connection over a real socket;
    then the server still serves a normal client."""
    with server(exe, pki, "--http", "--cipher", "ALL", "--handshake-timeout", "2") as srv:
        count = 0
        for name, flights in corpus_inputs(pki.source):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            try:
                for flight in flights:
                    s.sendall(flight)
                s.shutdown(socket.SHUT_WR)
                while s.recv(65536):
                    pass
            except (ConnectionResetError, BrokenPipeError):
                pass  # the server may close while we still write; it must not die
            s.close()
            count += 1
            if srv.proc.poll() is not None:
                raise AssertionError(f"the server died on {name}: {srv.stop()[-1500:]}")
        expect(count > 200, f"only {count} corpus inputs")
        expect_serves(srv)
        print(f"{count} corpus inputs sent")


if __name__ == "__main__":
    run_check("server", globals())

#!/usr/bin/env python3
"""The interoperability matrix: tlslab's client and server against openssl, gnutls, curl and
nginx on 127.0.0.1, mutual TLS throughout. Each check asserts the negotiated suite, the peer's
view of the client certificate (parsed from the peer's own output) and an application-data round
trip. A check whose peer binary is absent exits 77 (meson: skipped) and says why.

Usage: interop_checks.py TLSLAB_EXE SOURCE_DIR CHECK
"""
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peers import (DEFAULT_SUITES, KEY_TYPES, PASSWORD, Server, expect, free_port, need,
                   openssl_name, openssl_server, run, run_check, sha256_of_pem_cert, talk,
                   tlslab_server)


def server_key_for(suite):
    return "rsa" if "_RSA_" in suite else "p256"


def our_client(exe, pki, port, *args, http_get="/", stdin=b""):
    cmd = [exe, "client", f"127.0.0.1:{port}", "--ca", pki.path("ca.pem"), "--servername",
           "localhost", *args]
    if http_get:
        cmd += ["--http-get", http_get]
    return run(cmd, stdin)


def p12_args(pki, key):
    return ["--p12", pki.p12(f"client-{key}"), "--password-file", str(pki.password_file)]


def openssl_www(pki, *extra):
    """s_server -www with an RSA and an ECDSA identity (chosen per suite, as -cert/-dcert)."""
    return openssl_server(["-www", "-cert", pki.path("server-rsa.pem"), "-key",
                           pki.path("server-rsa.key"), "-dcert", pki.path("server-p256.pem"),
                           "-dkey", pki.path("server-p256.key"), "-CAfile", pki.path("ca.pem"),
                           *extra])


# ---- our client against openssl s_server --------------------------------------------------------

def check_client_openssl_suites(exe, pki):
    """Every default suite x every client key type, identities from .p12, -Verify 1."""
    rows = 0
    for suite in DEFAULT_SUITES:
        for key in KEY_TYPES:
            with openssl_www(pki, "-Verify", "1", "-naccept", "1") as server:
                rc, out, err = our_client(exe, pki, server.port, "--cipher", suite,
                                          *p12_args(pki, key))
                expect(rc == 0, f"{suite} {key}: exit {rc}: {err}")
                expect(f"Cipher is {openssl_name(suite)}" in out, f"{suite} {key}: {out[:300]}")
                expect(f"Cipher    : {suite}" in err, err)
                client_pem = out[out.find("Client certificate"):]
                expect(sha256_of_pem_cert(client_pem) == pki.cert_sha256(f"client-{key}"),
                       f"{suite} {key}: openssl saw another client certificate")
                expect("HTTP/1.0 200 ok" in out, "no HTTP response: the data did not flow")
                rows += 1
    expect(rows == len(DEFAULT_SUITES) * len(KEY_TYPES), rows)


def check_client_openssl_resumption(exe, pki):
    """--resume against s_server: by ticket (default) and by session ID (-no_ticket)."""
    for extra, how in [([], "ticket"), (["-no_ticket"], "session ID")]:
        with openssl_www(pki, "-Verify", "1", "-naccept", "2", *extra) as server:
            rc, out, err = our_client(exe, pki, server.port, "--resume", *p12_args(pki, "p256"))
            expect(rc == 0, f"{how}: exit {rc}: {err}")
            expect("New, session established" in err and "Reused, session resumed" in err,
                   f"{how}: {err}")
            expect("Reused, TLSv1.2" in out, f"{how}: openssl did not resume: {out[:400]}")
            # The resumed session still carries the client certificate (openssl shows it).
            expect(sha256_of_pem_cert(out[out.find("Client certificate"):]) ==
                   pki.cert_sha256("client-p256"), f"{how}: client certificate lost")


def check_client_openssl_ems(exe, pki):
    for ems, shown in [("prefer", "yes"), ("off", "no")]:
        with openssl_www(pki, "-Verify", "1", "-naccept", "1") as server:
            rc, out, err = our_client(exe, pki, server.port, "--ems", ems, *p12_args(pki, "rsa"))
            expect(rc == 0, err)
            expect(f"Extended master secret: {shown}" in out, f"--ems {ems}: {out[:2000]}")
            expect(f"Extended master secret: {shown}" in err, err)


def check_client_openssl_ca_names(exe, pki):
    """A server that lists no CA names: the client still chooses by key type and scheme. A server
    whose CA list does not match the client's chain: the client sends an empty Certificate,
    which -verify 1 (optional) accepts and -Verify 1 (required) refuses."""
    with openssl_www(pki, "-Verify", "1", "-naccept", "1", "-no_ca_names") as server:
        rc, out, err = our_client(exe, pki, server.port, *p12_args(pki, "ed25519"))
        expect(rc == 0, err)
        expect(sha256_of_pem_cert(out[out.find("Client certificate"):]) ==
               pki.cert_sha256("client-ed25519"), "no-CA-names: wrong client certificate")
    other_ca = str(Path(sys.argv[2]) / "tests/data/pki-path/root.pem")
    www = ["-www", "-cert", pki.path("server-p256.pem"), "-key", pki.path("server-p256.key"),
           "-CAfile", other_ca, "-naccept", "1"]
    with openssl_server(["-verify", "1", *www]) as server:
        rc, out, err = our_client(exe, pki, server.port, *p12_args(pki, "p256"))
        expect(rc == 0, err)
        expect("Client certificate: none" in err, err)
        expect("no client certificate available" in out, out[-600:])
    with openssl_server(["-Verify", "1", *www]) as server:
        rc, out, err = our_client(exe, pki, server.port, *p12_args(pki, "p256"))
        expect(rc == 4, f"exit {rc}: {err}")
        expect("handshake_failure" in err or "certificate_required" in err, err)


def check_client_errors(exe, pki):
    """What `tlslab client` says and which exit status it gives when something is wrong."""
    port = free_port()
    rc, out, err = our_client(exe, pki, port)
    expect(rc == 3 and "cannot connect to 127.0.0.1" in err, f"closed port: exit {rc}: {err}")
    rc, out, err = our_client(exe, pki, port, "--cipher", "TLS_NOT_A_SUITE")
    expect(rc == 2 and 'unknown cipher suite "TLS_NOT_A_SUITE"' in err, f"exit {rc}: {err}")
    wrong = pki.dir / "wrong-password"
    wrong.write_text("not the password\n")
    rc, out, err = our_client(exe, pki, port, "--p12", pki.p12("client-p256"), "--password-file",
                              str(wrong))
    expect(rc == 1 and "wrong password" in err, f"wrong password: exit {rc}: {err}")
    other_ca = str(Path(sys.argv[2]) / "tests/data/pki-path/root.pem")
    with openssl_www(pki, "-naccept", "1") as server:
        rc, out, err = run([exe, "client", f"127.0.0.1:{server.port}", "--ca", other_ca,
                            "--servername", "localhost", "--http-get", "/"])
        expect(rc == 5 and "unknown_ca" in err, f"untrusted server: exit {rc}: {err}")
    with openssl_www(pki, "-naccept", "1") as server:
        rc, out, err = run([exe, "client", f"127.0.0.1:{server.port}", "--ca", pki.path("ca.pem"),
                            "--servername", "not-localhost.test", "--http-get", "/"])
        expect(rc == 5 and "does not match host name" in err, f"wrong name: exit {rc}: {err}")
    rc, out, err = run([exe, "server", "--port", "0", "--cert", pki.path("server-p256.pem"),
                        "--key", pki.path("server-p256.key"), "--verify-client", "required"])
    expect(rc == 2 and "needs --client-ca" in err, f"server usage: exit {rc}: {err}")
    rc, out, err = run([exe, "server", "--port", "0", "--cert", pki.path("server-p256.pem"),
                        "--key", pki.path("server-rsa.key")])
    expect(rc == 1 and "does not match the certificate" in err, f"key mismatch: exit {rc}: {err}")


# ---- openssl s_client against our server --------------------------------------------------------

def our_echo_server(exe, pki, mode="required", *extra):
    return tlslab_server(exe, ["--cert", pki.path("server-rsa.pem"), "--key",
                               pki.path("server-rsa.key"), "--cert", pki.path("server-p256.pem"),
                               "--key", pki.path("server-p256.key"), "--client-ca",
                               pki.path("ca.pem"), "--verify-client", mode, "--echo", *extra])


def s_client(pki, port, *args):
    return [need("openssl"), "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile",
            pki.path("ca.pem"), "-servername", "localhost", "-verify_return_error", *args]


def check_server_openssl_suites(exe, pki):
    with our_echo_server(exe, pki) as server:
        for suite in DEFAULT_SUITES:
            for key in KEY_TYPES:
                line = f"ping {suite} {key}"
                rc, out, err = talk(s_client(pki, server.port, "-cipher", openssl_name(suite),
                                             "-cert", pki.path(f"client-{key}.pem"), "-key",
                                             pki.path(f"client-{key}.key")),
                                    (line + "\n").encode(), until=line)
                expect(f"Cipher is {openssl_name(suite)}" in out, f"{suite} {key}: {out[-800:]}")
                expect("Verify return code: 0 (ok)" in out, out[-800:])
                expect(out.count(line) >= 1, f"{suite} {key}: no echo")
        log = server.stop()
    expect(log.count("client_certificate: CN=client rsa,O=tlslab test") == len(DEFAULT_SUITES),
           log[-2000:])
    expect(log.count("client_certificate: CN=client ed25519,O=tlslab test") ==
           len(DEFAULT_SUITES), "ed25519 rows")


def check_server_openssl_chain(exe, pki):
    """A client chain through an intermediate that only the client sends (-cert_chain)."""
    pki.intermediate_chain()
    with our_echo_server(exe, pki) as server:
        rc, out, err = talk(s_client(pki, server.port, "-cert", pki.path("client-inter.pem"),
                                     "-key", pki.path("client-inter.key"), "-cert_chain",
                                     pki.path("inter.pem")), b"chained\n", until="chained")
        expect("chained" in out and "Cipher is" in out, out[-800:])
        log = server.stop()
    expect("client_certificate: CN=client via intermediate,O=tlslab test" in log, log)


def check_server_openssl_no_client_cert(exe, pki):
    with our_echo_server(exe, pki, "required") as server:
        rc, out, err = talk(s_client(pki, server.port), b"x\n", until="never")
        expect("alert handshake failure" in err + out or "alert number 40" in err + out,
               err + out[-600:])
        log = server.stop()
    expect("the client sent no certificate and one is required (handshake_failure)" in log, log)
    with our_echo_server(exe, pki, "optional") as server:
        rc, out, err = talk(s_client(pki, server.port), b"anonymous\n", until="anonymous")
        expect("anonymous" in out and "Cipher is" in out, out[-600:])
        log = server.stop()
    expect("client_certificate: none" in log, log)


def check_server_openssl_ems_ca_names(exe, pki):
    """Our server with the extended master secret on and off, and without CA names in its
    CertificateRequest (openssl's client then chooses its certificate by itself)."""
    for ems, shown in [("prefer", "yes"), ("off", "no")]:
        with our_echo_server(exe, pki, "required", "--ems", ems, "--no-ca-names") as server:
            rc, out, err = talk(s_client(pki, server.port, "-cert", pki.path("client-ed25519.pem"),
                                         "-key", pki.path("client-ed25519.key")),
                                b"ems\n", until="ems\n")
            expect(f"Extended master secret: {shown}" in out, f"--ems {ems}: {out[-1200:]}")
            expect("No client certificate CA names sent" in out, out[-2500:])
            log = server.stop()
        expect(f"extended_master_secret: {shown}" in log and
               "client_certificate: CN=client ed25519,O=tlslab test" in log, log)


def check_server_openssl_resumption(exe, pki):
    with tempfile.TemporaryDirectory() as tmp:
        for extra, how in [([], "ticket"), (["-no_ticket"], "session ID")]:
            sess = str(Path(tmp) / f"sess-{len(extra)}.pem")
            with our_echo_server(exe, pki) as server:
                base = s_client(pki, server.port, "-cert", pki.path("client-p384.pem"), "-key",
                                pki.path("client-p384.key"), *extra)
                rc, out, err = talk(base + ["-sess_out", sess], b"one\n", until="one")
                expect("New, TLSv1.2" in out, out[-600:])
                rc, out, err = talk(base + ["-sess_in", sess], b"two\n", until="two")
                expect("Reused, TLSv1.2" in out and "two" in out, f"{how}: {out[-800:]}")
                log = server.stop()
            expect("resumed: yes" in log, log)
            # The client identity is carried into the resumed session.
            expect(log.count("client_certificate: CN=client p384,O=tlslab test") == 2, log)


# ---- GnuTLS ---------------------------------------------------------------------------------

def check_client_gnutls(exe, pki):
    """Our client against gnutls-serv --echo --require-client-cert: ChaCha20-Poly1305, X25519."""
    need("gnutls-serv")
    port = free_port()
    args = ["gnutls-serv", "--echo", "--port", str(port), "--require-client-cert",
            "--x509cafile", pki.path("ca.pem"), "--x509certfile", pki.path("server-p256.pem"),
            "--x509keyfile", pki.path("server-p256.key"), "--priority",
            "NORMAL:-VERS-ALL:+VERS-TLS1.2"]
    with Server(args, port=port) as server:
        for suite in ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"]:
            line = f"hello gnutls {suite}"
            rc, out, err = talk([exe, "client", f"127.0.0.1:{port}", "--ca", pki.path("ca.pem"),
                                 "--servername", "localhost", "--cipher", suite, "--groups",
                                 "x25519", *p12_args(pki, "rsa")], (line + "\n").encode(),
                                until=line)
            expect(line in out, f"{suite}: no echo: {err}")
            expect(f"Cipher    : {suite}" in err and "Group     : x25519" in err, err)
        log = server.stop()
    expect("CN=client rsa" in log or "client rsa" in log, f"gnutls-serv log: {log[-1500:]}")


def check_server_gnutls(exe, pki):
    """gnutls-cli with a client certificate against our server: ChaCha20-Poly1305 and X25519."""
    need("gnutls-cli")
    with our_echo_server(exe, pki) as server:
        for prio, suite in [("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+CHACHA20-POLY1305:"
                             "-GROUP-ALL:+GROUP-X25519",
                             "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
                            ("NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:-KX-ALL:"
                             "+ECDHE-RSA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")]:
            line = f"hello from gnutls-cli {suite}"
            rc, out, err = talk(["gnutls-cli", "--port", str(server.port), "--x509cafile",
                                 pki.path("ca.pem"), "--x509certfile",
                                 pki.path("client-p256.pem"), "--x509keyfile",
                                 pki.path("client-p256.key"), "--priority", prio, "localhost"],
                                (line + "\n").encode(), until=line)
            expect(line in out, f"{suite}: no echo: {out[-800:]} {err[-800:]}")
        log = server.stop()
    expect(log.count("cipher: TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256") == 1, log)
    expect(log.count("group: x25519") == 2, log)
    expect(log.count("client_certificate: CN=client p256,O=tlslab test") == 2, log)


# ---- curl and nginx ---------------------------------------------------------------------------

def check_server_curl(exe, pki):
    curl = need("curl")
    with tlslab_server(exe, ["--p12", pki.p12("server-p256"), "--password-file",
                             str(pki.password_file), "--client-ca", pki.path("ca.pem"),
                             "--verify-client", "required", "--http"]) as server:
        for key in KEY_TYPES:
            p12 = pki.p12(f"client-{key}")
            rc, out, err = run([curl, "-sS", "--cert", f"{p12}:{PASSWORD}", "--cert-type", "P12",
                                "--cacert", pki.path("ca.pem"), "--resolve",
                                f"localhost:{server.port}:127.0.0.1", "--tlsv1.2",
                                "--tls-max", "1.2", f"https://localhost:{server.port}/"])
            expect(rc == 0, f"curl {key}: exit {rc}: {err}")
            expect(f"client_certificate: CN=client {key},O=tlslab test" in out, out)
            expect("cipher: TLS_ECDHE_ECDSA_WITH_" in out, out)
        rc, out, err = run([curl, "-sS", "--cacert", pki.path("ca.pem"), "--resolve",
                            f"localhost:{server.port}:127.0.0.1", f"https://localhost:{server.port}/"])
        expect(rc != 0, "curl without a client certificate was served")


def check_client_nginx(exe, pki):
    nginx = need("nginx")
    port = free_port()
    prefix = pki.dir / "nginx"
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(f"""
daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log info;
events {{ worker_connections 64; }}
http {{
  access_log {prefix}/logs/access.log;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  server {{
    listen 127.0.0.1:{port} ssl;
    ssl_protocols TLSv1.2;
    ssl_certificate {pki.path('server-rsa.pem')};
    ssl_certificate_key {pki.path('server-rsa.key')};
    ssl_client_certificate {pki.path('ca.pem')};
    ssl_verify_client on;
    ssl_session_cache shared:tlslab:1m;
    location / {{
      default_type text/plain;
      return 200 "verify=$ssl_client_verify subject=$ssl_client_s_dn cipher=$ssl_cipher reused=$ssl_session_reused\\n";
    }}
  }}
}}
""")
    with Server([nginx, "-p", str(prefix), "-c", str(conf)], port=port, stdin=subprocess.DEVNULL):
        for key in KEY_TYPES:
            rc, out, err = our_client(exe, pki, port, *p12_args(pki, key))
            expect(rc == 0, f"{key}: exit {rc}: {err}")
            expect("verify=SUCCESS" in out and f"CN=client {key}" in out, f"{key}: {out}")
            expect("cipher=ECDHE-RSA-AES128-GCM-SHA256" in out, out)
        rc, out, err = our_client(exe, pki, port, "--resume", *p12_args(pki, "p256"))
        expect(rc == 0 and "reused=r" in out and "Reused, session resumed" in err, out + err)
        rc, out, err = our_client(exe, pki, port)  # no client certificate
        expect("400 No required SSL certificate was sent" in out, out)


def check_readme_walkthrough(exe, pki):
    """The README's client-certificate walkthrough, run word for word (with this build's tlslab
    and a free port instead of 8443)."""
    need("curl")
    readme = (Path(sys.argv[2]) / "README.md").read_text()
    start = readme.index("A walkthrough:")
    block = readme[readme.index("```sh\n", start) + 6:readme.index("```\n", readme.index(
        "```sh\n", start) + 6)]
    port = str(free_port())
    script = block.replace("build/tlslab", os.path.abspath(exe)).replace("8443", port)
    work = pki.dir / "walkthrough"
    work.mkdir()
    p = subprocess.run(["bash", "-e", "-c", script], cwd=work, capture_output=True, text=True,
                       timeout=120)
    expect(p.returncode == 0, f"exit {p.returncode}: {p.stderr[-1500:]}")
    expect("client_certificate: CN=alice" in p.stdout and
           "cipher: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" in p.stdout, p.stdout)
    trace = (work / "trace.txt").read_text()
    for line in ["[server] client certificate accepted: CN=alice",
                 "[server] client proved possession of its key: CertificateVerify with",
                 "[server] state ExpectFinished -> Traffic (on Finished)"]:
        expect(line in trace, f"not in trace.txt: {line}")


# ---- the key log, checked by Wireshark ----------------------------------------------------------

def check_keylog_tshark(exe, pki):
    """tshark decrypts a capture of our client's connection with our key log file: the request
    path inside the TLS records is readable only with the right master secret."""
    tshark = need("tshark")
    need("dumpcap")
    capture = pki.dir / "capture.pcapng"
    keylog = pki.dir / "keys.log"
    with openssl_www(pki, "-Verify", "1", "-naccept", "1") as server:
        dump = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-f", f"tcp port {server.port}",
                                 "-w", str(capture)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        time.sleep(1.5)  # dumpcap needs a moment before it sees packets
        rc, out, err = our_client(exe, pki, server.port, "--keylog", str(keylog),
                                  *p12_args(pki, "p256"), http_get="/tlslab-keylog-check")
        expect(rc == 0, err)
        time.sleep(1.0)
        dump.terminate()
        dump.wait(timeout=10)
    expect(keylog.read_text().startswith("CLIENT_RANDOM "), "no key log written")
    fields = ["-Y", "http.request", "-T", "fields", "-e", "http.request.uri"]
    rc, out, err = run([tshark, "-r", str(capture), "-o", f"tls.keylog_file:{keylog}", *fields])
    expect(rc == 0, err)
    expect("/tlslab-keylog-check" in out, f"tshark could not decrypt: {out!r} {err[-500:]}")
    # Without the key log the same capture shows no HTTP at all.
    rc, out, err = run([tshark, "-r", str(capture), *fields])
    expect("/tlslab-keylog-check" not in out, "the request was readable without the key log")


if __name__ == "__main__":
    run_check("interop", globals())

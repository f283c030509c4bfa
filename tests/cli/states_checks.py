#!/usr/bin/env python3
"""`tlslab states` (issue 14 item 5): the tables drawn from the code, in every format.

Usage: states_checks.py TLSLAB_EXE
"""
import json
import subprocess
import sys


def run(exe, *args):
    p = subprocess.run([exe, "states", *args], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError(f"states {args}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    exe = sys.argv[1]
    doc = json.loads(run(exe, "--json"))
    expect(doc["client"]["initial"] == "Start", doc["client"]["initial"])
    expect(doc["server"]["initial"] == "ExpectClientHello", doc["server"]["initial"])
    for role in ("client", "server"):
        states = set(doc[role]["states"])
        for t in doc[role]["transitions"]:
            expect(t["state"] in states and t["next"] and set(t["next"]) <= states, t)
    hello = [t for t in doc["server"]["transitions"] if t["input"] == "ClientHello"
             and t["state"] == "ExpectClientHello"]
    expect(len(hello) == 1 and set(hello[0]["next"]) == {
        "ExpectCertificate", "ExpectClientKeyExchange", "ExpectChangeCipherSpec"}, hello)
    dot = run(exe, "--dot")
    expect(dot.startswith("digraph tlslab {") and "subgraph cluster_client" in dot and
           "subgraph cluster_server" in dot, dot[:200])
    expect('server_ExpectFinished -> server_Traffic [label="Finished"];' in dot, "dot edge")
    edges = sum(len(t["next"]) for r in ("client", "server") for t in doc[r]["transitions"])
    expect(dot.count(" -> ") == edges + 2, f"{dot.count(' -> ')} arrows for {edges} edges")
    mermaid = run(exe, "--mermaid", "--role", "client")
    expect(mermaid.startswith("stateDiagram-v2") and "[*] --> client_Start" in mermaid and
           "server" not in mermaid, mermaid[:200])
    text = run(exe)
    expect("ExpectCertificateRequestOrDone --ServerHelloDone--> ExpectNewSessionTicket | "
           "ExpectChangeCipherSpec" in text, text)


if __name__ == "__main__":
    main()

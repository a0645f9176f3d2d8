#!/usr/bin/env python3
# Every message a JetStream stream holds, as JSON, read over the raw NATS
# protocol (python3 stdlib only, through nats-probe.py's client): an
# independent look at what the relay published, not through makhzan's code.
#
#   stream-dump.py URL STREAM [--ca FILE] [--user U] [--out FILE]
#
# The password comes from NATS_PROBE_PASS, never from the command line.
# Prints (or writes to --out) one JSON object:
#   {"state": {...stream state...},
#    "msgs": [{"seq": 1, "subject": "...", "hdrs": {"Nats-Msg-Id": ...},
#              "body": "...text..."}, ...]}
# in stream order.  Requests go out in batches of 256, so that a stream of
# thousands of messages takes a second, not minutes.
# Exit status: 0, or 1 with the reason on stderr.

import argparse
import base64
import importlib.util
import json
import os
import secrets
import socket
import ssl
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "nats_probe", os.path.join(HERE, "nats-probe.py"))
probe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(probe)


def connect(a):
    u = urllib.parse.urlsplit(a.url if "://" in a.url else "nats://" + a.url)
    host, port = u.hostname or "127.0.0.1", u.port or 4222
    sock = socket.create_connection((host, port), timeout=a.timeout)
    info = probe.read_info(sock)
    tls = False
    if info.get("tls_required"):
        ctx = ssl.create_default_context(cafile=a.ca)
        sock = ctx.wrap_socket(sock, server_hostname=host)
        tls = True
    conn = probe.Conn(sock)
    opts = {"verbose": False, "pedantic": False, "tls_required": tls,
            "name": "stream-dump", "lang": "python", "version": "1",
            "protocol": 1, "headers": True, "no_responders": True}
    if a.user:
        opts["user"] = a.user
        opts["pass"] = os.environ.get("NATS_PROBE_PASS", "")
    conn.send(("CONNECT %s\r\nPING\r\n" % json.dumps(opts)).encode())
    probe.wait_pong(conn)
    return conn


def requests(conn, inbox, subject, bodies):
    """Send each body as a request; the replies, in the order sent."""
    out = {}
    buf = b""
    for i, body in enumerate(bodies):
        data = body.encode()
        buf += ("PUB %s %s.%d %d\r\n" % (subject, inbox, i, len(data))
                ).encode() + data + b"\r\n"
    conn.send(buf)
    while len(out) < len(bodies):
        line = conn.line()
        if line == "PING":
            conn.send(b"PONG\r\n")
            continue
        if line.startswith("-ERR"):
            raise probe.Refused(line)
        parts = line.split()
        if not parts or parts[0] not in ("MSG", "HMSG"):
            continue
        n = int(parts[-1])
        data = conn.exactly(n)
        if parts[0] == "HMSG":
            data = data[int(parts[-2]):]
        out[int(parts[1].rsplit(".", 1)[1])] = data
    return [out[i] for i in range(len(bodies))]


def headers(raw):
    h = {}
    for line in raw.split("\r\n")[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            h[k.strip()] = v.strip()
    return h


def main():
    ap = argparse.ArgumentParser(prog="stream-dump.py")
    ap.add_argument("url")
    ap.add_argument("stream")
    ap.add_argument("--ca")
    ap.add_argument("--user")
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()
    try:
        conn = connect(a)
        inbox = "_INBOX.dump." + secrets.token_hex(8)
        conn.send(("SUB %s.* 1\r\n" % inbox).encode())
        info = json.loads(requests(conn, inbox, "$JS.API.STREAM.INFO." +
                                   a.stream, [""])[0])
        if "error" in info:
            print("stream %s: %s" % (a.stream, info["error"]),
                  file=sys.stderr)
            return 1
        state = info["state"]
        seqs = list(range(state["first_seq"], state["last_seq"] + 1)) \
            if state["messages"] else []
        msgs = []
        for k in range(0, len(seqs), 256):
            chunk = seqs[k:k + 256]
            replies = requests(conn, inbox, "$JS.API.STREAM.MSG.GET." +
                               a.stream, [json.dumps({"seq": s})
                                          for s in chunk])
            for s, r in zip(chunk, replies):
                d = json.loads(r)
                if "error" in d:
                    continue    # deleted
                m = d["message"]
                hdrs = headers(base64.b64decode(m.get("hdrs", "")).decode())
                msgs.append({"seq": m["seq"], "subject": m["subject"],
                             "hdrs": hdrs,
                             "body": base64.b64decode(m.get("data", ""))
                             .decode("utf-8")})
        text = json.dumps({"state": state, "msgs": msgs})
        if a.out:
            with open(a.out, "w") as f:
                f.write(text)
        else:
            print(text)
        return 0
    except (probe.Refused, OSError, ssl.SSLError, ValueError) as e:
        print("stream-dump: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

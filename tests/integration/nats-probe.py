#!/usr/bin/env python3
# One NATS client session over the raw text protocol (python3 stdlib only),
# for the integration tests: an independent client to check what a server
# accepts and refuses, and to send one request (e.g. a JetStream API call).
#
#   nats-probe.py URL [--ca FILE] [--cert FILE --key FILE] [--user U]
#                 [--no-tls] [--req SUBJECT [--data TEXT] [--header 'K: V']
#                 [--expect PYEXPR]]
#
# The password comes from the environment (NATS_PROBE_PASS), never from the
# command line, so that it is not in ps.  It connects, upgrades to TLS when
# the server's INFO asks for it (verifying the chain against --ca and the
# host name or address in URL), sends CONNECT and PING, and prints PONG; with
# --req it then publishes to SUBJECT with a reply inbox and prints the reply;
# --expect checks the reply, parsed as JSON into d, with a python
# expression (d["seq"] == 1), saving the test another python process.
#
# Exit status: 0 done; 1 refused or an error reply (the server's -ERR, a
# closed connection, a 503 no-responders reply: printed); 2 usage; 3 TLS
# failed (the reason printed); 4 no connection or no answer in time; 5 the
# reply does not meet --expect (said on stderr).

import argparse
import json
import os
import secrets
import socket
import ssl
import sys
import urllib.parse


class Refused(Exception):
    pass


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Refused("connection closed by the server")
        self.buf += data

    def line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def exactly(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def send(self, data):
        self.sock.sendall(data)


def read_info(sock):
    # Only INFO comes before the client speaks: read it byte by byte, so
    # that nothing of a TLS handshake is swallowed by a buffer.
    line = b""
    while not line.endswith(b"\r\n"):
        b = sock.recv(1)
        if not b:
            raise Refused("connection closed before INFO")
        line += b
    text = line.decode().strip()
    if not text.startswith("INFO "):
        raise Refused("expected INFO, got %r" % text[:80])
    return json.loads(text[5:])


def wait_pong(conn):
    while True:
        line = conn.line()
        if line == "PONG":
            return
        if line == "PING":
            conn.send(b"PONG\r\n")
        elif line.startswith("-ERR"):
            raise Refused(line)
        # INFO updates and +OK are of no interest here.


def read_reply(conn, sid):
    while True:
        line = conn.line()
        if line == "PING":
            conn.send(b"PONG\r\n")
            continue
        if line.startswith("-ERR"):
            raise Refused(line)
        parts = line.split()
        if parts and parts[0] == "MSG" and parts[2] == sid:
            return None, conn.exactly(int(parts[-1]))
        if parts and parts[0] == "HMSG" and parts[2] == sid:
            hlen, total = int(parts[-2]), int(parts[-1])
            data = conn.exactly(total)
            return data[:hlen].decode(), data[hlen:]


def main():
    ap = argparse.ArgumentParser(prog="nats-probe.py")
    ap.add_argument("url")
    ap.add_argument("--ca")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--user")
    ap.add_argument("--no-tls", action="store_true")
    ap.add_argument("--req")
    ap.add_argument("--data", default="")
    ap.add_argument("--header", action="append", default=[])
    ap.add_argument("--expect")
    ap.add_argument("--timeout", type=float, default=5.0)
    a = ap.parse_args()

    u = urllib.parse.urlsplit(a.url if "://" in a.url else "nats://" + a.url)
    host, port = u.hostname or "127.0.0.1", u.port or 4222
    try:
        sock = socket.create_connection((host, port), timeout=a.timeout)
    except OSError as e:
        print("connect %s:%d: %s" % (host, port, e))
        return 4
    try:
        info = read_info(sock)
        tls = False
        if info.get("tls_required") and not a.no_tls:
            ctx = ssl.create_default_context(cafile=a.ca)
            if a.cert:
                ctx.load_cert_chain(a.cert, a.key)
            try:
                sock = ctx.wrap_socket(sock, server_hostname=host)
            except ssl.SSLError as e:
                print("tls: %s" % (e.verify_message
                      if isinstance(e, ssl.SSLCertVerificationError)
                      else e.reason or e))
                return 3
            tls = True
        conn = Conn(sock)
        opts = {"verbose": False, "pedantic": False, "tls_required": tls,
                "name": "nats-probe", "lang": "python", "version": "1",
                "protocol": 1, "headers": True, "no_responders": True}
        if a.user is not None:
            opts["user"] = a.user
            opts["pass"] = os.environ.get("NATS_PROBE_PASS", "")
        conn.send(("CONNECT %s\r\nPING\r\n" % json.dumps(opts)).encode())
        wait_pong(conn)
        if not a.req:
            print("PONG")
            return 0
        inbox = "_INBOX.probe." + secrets.token_hex(8)
        data = a.data.encode()
        conn.send(("SUB %s 1\r\n" % inbox).encode())
        if a.header:
            hdr = ("NATS/1.0\r\n" + "".join(h + "\r\n" for h in a.header)
                   + "\r\n").encode()
            conn.send(("HPUB %s %s %d %d\r\n" % (a.req, inbox, len(hdr),
                       len(hdr) + len(data))).encode() + hdr + data + b"\r\n")
        else:
            conn.send(("PUB %s %s %d\r\n" % (a.req, inbox, len(data))).encode()
                      + data + b"\r\n")
        hdr, payload = read_reply(conn, "1")
        if hdr is not None and not payload:
            # A status-only reply: "NATS/1.0 503" is no responders.
            print(hdr.split("\r\n")[0])
            return 1
        text = payload.decode("utf-8", "replace")
        print(text)
        if a.expect:
            try:
                ok = eval(a.expect, {"d": json.loads(text)})
            except Exception as e:
                ok, why = False, "%s: %s" % (type(e).__name__, e)
            else:
                why = "false"
            if not ok:
                print("expected %s (%s) in the reply: %s"
                      % (a.expect, why, text[:400]), file=sys.stderr)
                return 5
        return 0
    except Refused as e:
        print(e)
        return 1
    except ssl.SSLError as e:
        # With TLS 1.3 a refused client certificate shows on the first read.
        print("tls: %s" % (e.reason or e))
        return 3
    except (socket.timeout, TimeoutError):
        print("no answer in %g s" % a.timeout)
        return 4
    except OSError as e:
        print("connection: %s" % e)
        return 1
    finally:
        sock.close()


if __name__ == "__main__":
    sys.exit(main())

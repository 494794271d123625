# A Python client for lesson 08's protocol: struct does the byte order ('>' = big-endian).
import os
import socket
import struct
import sys

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))
MAX_FRAME = 1024 * 1024


def frame(op, payload=b""):
    # '>IB': a big-endian u32 (the length of what follows) and a u8 (the op)
    return struct.pack(">IB", 1 + len(payload), op) + payload


def recv_exact(sock, n):
    # recv(n) returns *up to* n bytes: loop until we have them all
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("the server closed the connection mid-frame")
        buf += chunk
    return buf


def read_frame(sock):
    (length,) = struct.unpack(">I", recv_exact(sock, 4))
    if length == 0 or length > MAX_FRAME:
        raise ValueError(f"reply frame length {length} is not allowed")
    body = recv_exact(sock, length)
    return body[0], body[1:]


def expect(sock, op_wanted):
    op, payload = read_frame(sock)
    if op != op_wanted:
        print(f"error reply op 0x{op:02x}: {payload!r}")
        sys.exit(1)
    return payload


s = socket.create_connection((HOST, PORT), timeout=3)
s.sendall(
    frame(0x01, "hello, 파이썬".encode("utf-8"))
    + frame(0x02, struct.pack(">3i", 2147483647, 2147483647, 5))
    + frame(0x03, "😀안녕".encode("utf-8"))
)
print("echo", expect(s, 0x81).decode("utf-8"))
print("sum", struct.unpack(">q", expect(s, 0x82))[0])
print("ulen %d %d" % struct.unpack(">II", expect(s, 0x83)))
s.close()

# A line chat client in Python, nc-style: what you type goes to the server, what the server
# sends is printed. Two jobs at once, so two threads: the source's blocking recv() would
# otherwise stop the typing. At the end of the input it half-closes (shutdown(SHUT_WR), like
# `nc -N`) and keeps reading until the server closes too.
import os
import socket
import sys
import threading

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect(("127.0.0.1", int(os.environ.get("PORT", "8080"))))


def reader():
    buf = b""
    while True:
        chunk = sock.recv(4096)          # one chunk, not one line
        if not chunk:                    # b'' = the server closed
            return
        buf += chunk
        while b"\n" in buf:              # frame by '\n', decode complete lines only
            line, buf = buf.split(b"\n", 1)
            print(line.decode("utf-8"), flush=True)


t = threading.Thread(target=reader)
t.start()
for line in sys.stdin.buffer:            # each line as typed, '\n' included
    sock.sendall(line)
sock.shutdown(socket.SHUT_WR)            # FIN: "I have nothing more to say"
t.join(timeout=5)
sock.close()

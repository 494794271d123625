# A Python client for the lesson 04 protocol, written the way the source's client should be:
# recv(1024) returns ONE CHUNK, so it loops and frames the replies by '\n' itself.
import os
import socket

client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client_socket.connect(("127.0.0.1", int(os.environ.get("PORT", "8080"))))
client_socket.settimeout(5)  # checker: give up (socket.timeout) after 5 s of silence

# Four lines in one sendall: the server may well get them in one chunk.
client_socket.sendall("PING\nLEN 파이썬\nECHO 안녕, 서버\nQUIT\n".encode("utf-8"))

buf = b""
while True:
    chunk = client_socket.recv(1024)   # one chunk, not one line
    if not chunk:                      # b'' = the server closed (after BYE)
        break
    buf += chunk
    while b"\n" in buf:                # frame: cut complete lines, keep the rest
        line, buf = buf.split(b"\n", 1)
        print(line.decode("utf-8"), flush=True)  # decode after framing

client_socket.close()

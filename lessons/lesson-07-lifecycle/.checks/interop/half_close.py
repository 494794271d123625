# A half-closing client, as Python programs often are: send the request, shutdown(SHUT_WR)
# (FIN: "nothing more from me"), then read until the server closes (recv returns b'').
import os
import socket

port = int(os.environ.get("PORT", "8080"))
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)                       # a blocking recv that never returns is an exception here
s.connect(("127.0.0.1", port))
s.sendall(b"SLOW 200\n")
s.shutdown(socket.SHUT_WR)            # half-close: we still read
data = b""
while True:
    chunk = s.recv(1024)
    if not chunk:                     # b'' = the server's FIN
        break
    data += chunk
print(data.decode("utf-8").rstrip("\n"))
s.close()

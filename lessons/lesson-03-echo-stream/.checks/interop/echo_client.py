# A Python echo client, as the README shows it: send everything, half-close, read to the end.
# The checker runs it against your server (PORT from the environment) and reads one line.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))

payload = "안녕\n".encode("utf-8") + bytes(range(256)) * 256   # text, then every byte value (64 KiB)

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(10)
s.connect((HOST, PORT))
s.sendall(payload)
s.shutdown(socket.SHUT_WR)          # half-close: FIN, "nothing more from me"; we can still read

received = b""
while True:
    chunk = s.recv(65536)           # one chunk, any size
    if not chunk:                   # b"": the server's FIN
        break
    received += chunk
s.close()

if received == payload:
    print(f"OK {len(received)} bytes")
else:
    n = min(len(received), len(payload))
    first = next((i for i in range(n) if received[i] != payload[i]), n)
    print(f"MISMATCH sent {len(payload)} bytes, received {len(received)}, first difference at byte {first}")

# A Python echo server, as the README shows it: echo each chunk, and after the client's FIN
# (recv returns b"") send our own FIN. It serves one client, then exits.
import os
import socket

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((HOST, PORT))
server.listen()
print(f"LISTENING {server.getsockname()[1]}", flush=True)   # checker: tells it the port

conn, addr = server.accept()
print("CONNECTED", flush=True)      # checker: tells it your client did connect
conn.settimeout(10)
while True:
    data = conn.recv(65536)
    if not data:                    # b"": the client half-closed
        break
    conn.sendall(data)
conn.shutdown(socket.SHUT_WR)       # our FIN, after the last echoed byte
conn.close()
server.close()

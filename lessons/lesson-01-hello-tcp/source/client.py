import socket

client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client_socket.connect(("127.0.0.1", 8080))

client_socket.sendall(b"hello server")
data = client_socket.recv(1024)

print(data.decode())
client_socket.close()

# A UDP client in the source's style (Python's socket module), used by the checks.
import os  # checker: read PORT
import socket

PORT = int(os.environ.get("PORT", "8080"))  # checker: PORT instead of 8080

client_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # SOCK_DGRAM: UDP, no connect()
client_socket.settimeout(2)  # recvfrom() waits at most 2 s: UDP never says "lost"

for request in ["PING 1 interop", "ECHO 안녕 UDP"]:
    client_socket.sendto(request.encode("utf-8"), ("127.0.0.1", PORT))  # one datagram, to an address
    data, addr = client_socket.recvfrom(1200)  # one whole datagram, and who sent it
    print(data.decode("utf-8"))

client_socket.close()

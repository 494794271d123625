# Lesson 12 — a Python client for the file server: PUT a file, then GET it back.
#   PORT=8080 FILE=data.bin python3 upload.py
# Every wait on the server is bounded (TIMEOUT seconds, default 5): a server that does not
# answer makes this script stop with a message, not hang.
import hashlib, os, socket, sys

host, port = os.environ.get('HOST', '127.0.0.1'), int(os.environ.get('PORT', '8080'))
path = os.environ['FILE']
timeout = float(os.environ.get('TIMEOUT', '5'))
name = os.path.basename(path)

h = hashlib.sha256()
with open(path, 'rb') as f:
    for block in iter(lambda: f.read(65536), b''):   # streamed: never the whole file in memory
        h.update(block)
size = os.path.getsize(path)

try:
    s = socket.create_connection((host, port), timeout=timeout)
    s.sendall(f'PUT {name} {size} {h.hexdigest()}\n'.encode())
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(65536), b''):
            s.sendall(block)                           # blocks until the kernel takes it: backpressure
    s.shutdown(socket.SHUT_WR)                         # FIN after the body
    reply = b''
    while chunk := s.recv(4096):
        reply += chunk
    s.close()
except OSError as e:                                   # socket.timeout is an OSError too
    sys.exit(f'upload: {e!r} (no reply within {timeout} s, or the connection failed)')
line = reply.decode(errors='replace').rstrip('\n')
print(line, flush=True)
if line != f'OK {h.hexdigest()}':
    sys.exit('upload refused or not answered: not trying the download')

try:
    s = socket.create_connection((host, port), timeout=timeout)
    s.sendall(f'GET {name}\n'.encode())
    f = s.makefile('rb')
    head = f.readline().decode(errors='replace').rstrip('\n').split(' ')
    if head[0] != 'OK' or len(head) != 3:
        sys.exit(f'download: the reply was {" ".join(head)!r}')
    got, n = hashlib.sha256(), 0
    while block := f.read(65536):
        got.update(block)
        n += len(block)
    s.close()
except OSError as e:
    sys.exit(f'download: {e!r} (nothing within {timeout} s, or the connection failed)')
if n != int(head[1]) or got.hexdigest() != head[2]:
    sys.exit(f'download: {n} bytes, sha256 {got.hexdigest()}; the header said {head[1]} and {head[2]}')
print(f'downloaded {n} bytes, sha256 {got.hexdigest()}')

# Lesson 06 — the same server in Python, the source's way: "멀티 클라이언트 처리는 threading".
# One thread per client. Each thread may block (readline, sleep) without stopping the others,
# but shared state now needs a lock: two threads can run `counter += 1` at the same time.
# Run: python3 server_threading.py   (HOST and PORT from the environment, like server.ts)
import os
import socket
import threading
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))

counter = 0                 # shared by every thread
open_count = 0              # shared by every thread
lock = threading.Lock()     # guards both


def handle(conn: socket.socket) -> None:
    global counter, open_count
    nick = None             # per client: a local variable of this thread's function
    with lock:
        open_count += 1
    reader = conn.makefile("r", encoding="utf-8", newline="\n")
    try:
        for raw in reader:                          # blocks this thread only
            if not raw.endswith("\n"):
                break                               # a last piece without '\n': ignored
            line = raw[:-1].removesuffix("\r")
            word, _, arg = line.partition(" ")
            if word == "":
                reply = "ERR empty"
            elif word == "PING":
                reply = "PONG"
            elif word == "ECHO":
                reply = arg
            elif word == "LEN":
                reply = f"{len(arg)} {len(arg.encode('utf-8'))}"
            elif word == "QUIT":
                conn.sendall(b"BYE\n")
                break
            elif word == "NICK":
                nick = arg
                reply = "OK"
            elif word == "WHOAMI":
                reply = nick if nick is not None else "anonymous"
            elif word == "INCR":
                with lock:                          # without it, two threads can lose an update
                    counter += 1
                    reply = str(counter)
            elif word == "COUNT":
                with lock:
                    reply = str(open_count)
            elif word == "SLOW":
                if not arg.isdigit() or int(arg) > 10_000:
                    reply = "ERR bad ms"
                else:
                    time.sleep(int(arg) / 1000)     # fine here: it blocks only this thread
                    reply = "DONE"
            else:
                reply = f"ERR unknown command {word}"
            conn.sendall((reply + "\n").encode("utf-8"))
    except OSError as e:                            # ConnectionResetError and friends
        print("client error:", e)
    finally:
        with lock:
            open_count -= 1
        conn.close()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((HOST, PORT))
server.listen()
print(f"LISTENING {server.getsockname()[1]}", flush=True)
while True:
    conn, addr = server.accept()                    # blocks the main thread: that is all it does
    threading.Thread(target=handle, args=(conn,), daemon=True).start()

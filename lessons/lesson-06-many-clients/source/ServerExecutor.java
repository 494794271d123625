// Lesson 06 — the same server in Java, the source's way: "멀티 클라이언트 | Thread, Executor".
// A pool of threads serves the clients. Per-client state is a local variable of the task;
// shared state is a field, made thread-safe with java.util.concurrent classes.
// Run: java ServerExecutor.java   (HOST and PORT from the environment, like server.ts)
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

public class ServerExecutor {
    static final AtomicInteger counter = new AtomicInteger();   // shared, lock-free
    static final AtomicInteger open = new AtomicInteger();      // shared

    public static void main(String[] args) throws IOException {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        ExecutorService pool = Executors.newFixedThreadPool(64);   // at most 64 clients at once
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName(host))) {
            System.out.println("LISTENING " + server.getLocalPort());
            while (true) {
                Socket socket = server.accept();                    // blocks the main thread
                pool.submit(() -> serve(socket));                   // a pool thread takes it
            }
        }
    }

    static void serve(Socket socket) {
        String nick = null;                                         // per client: a local
        open.incrementAndGet();
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {                // blocks this thread only
                int sp = line.indexOf(' ');
                String word = sp < 0 ? line : line.substring(0, sp);
                String arg = sp < 0 ? "" : line.substring(sp + 1);
                String reply;
                switch (word) {
                    case "" -> reply = "ERR empty";
                    case "PING" -> reply = "PONG";
                    case "ECHO" -> reply = arg;
                    case "LEN" -> reply = arg.codePointCount(0, arg.length()) + " " + arg.getBytes(StandardCharsets.UTF_8).length;
                    case "QUIT" -> { out.write("BYE\n"); out.flush(); return; }
                    case "NICK" -> { nick = arg; reply = "OK"; }
                    case "WHOAMI" -> reply = nick != null ? nick : "anonymous";
                    case "INCR" -> reply = String.valueOf(counter.incrementAndGet());
                    case "COUNT" -> reply = String.valueOf(open.get());
                    case "SLOW" -> {
                        if (!arg.matches("\\d{1,5}") || Integer.parseInt(arg) > 10_000) reply = "ERR bad ms";
                        else { Thread.sleep(Integer.parseInt(arg)); reply = "DONE"; }   // blocks this thread only
                    }
                    default -> reply = "ERR unknown command " + word;
                }
                out.write(reply + "\n");                            // "\n", not println's "\r\n" on Windows
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            System.out.println("client error: " + e);               // a reset ends this task, not the server
        } finally {
            open.decrementAndGet();
        }
    }
}

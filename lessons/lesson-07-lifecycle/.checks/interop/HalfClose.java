// A half-closing client in Java: write the request, shutdownOutput() (FIN), then read lines
// until the server closes (readLine returns null).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class HalfClose {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000); // a read that waits longer throws SocketTimeoutException
            OutputStream out = socket.getOutputStream();
            out.write("SLOW 200\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput(); // half-close: FIN, but we still read
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
            }
        }
    }
}

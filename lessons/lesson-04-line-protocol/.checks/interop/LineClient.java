import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

// A Java client for the lesson 04 protocol. BufferedReader.readLine() frames by line for us;
// the lines it sends end in "\r\n", as println() writes them on Windows.
public class LineClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000); // checker: give up (SocketTimeoutException) after 5 s of silence
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            for (String command : new String[] {"PING", "LEN 자바", "ECHO 안녕, 서버", "QUIT"}) {
                out.write(command + "\r\n");
                out.flush();
                stdout.println(in.readLine()); // one whole line, without its line end
            }
            stdout.println(in.readLine()); // null: the server closed after BYE
        }
    }
}

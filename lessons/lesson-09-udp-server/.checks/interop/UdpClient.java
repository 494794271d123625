// A UDP client in the source's style (java.net), used by the checks.
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

public class UdpClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")); // checker: PORT instead of 8080
        InetAddress host = InetAddress.getByName("127.0.0.1");

        try (DatagramSocket socket = new DatagramSocket()) { // bound to a free port, no connect()
            socket.setSoTimeout(2000); // receive() waits at most 2 s: UDP never says "lost"
            for (String request : new String[] { "PING 1 interop", "ECHO 안녕 UDP" }) {
                byte[] out = request.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(out, out.length, host, port)); // one datagram, to an address

                byte[] buf = new byte[1200];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                socket.receive(reply); // one whole datagram; reply.getPort() says who sent it
                System.out.println(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            }
        }
    }
}

// A Java client for lesson 08's protocol. DataOutputStream and DataInputStream are
// big-endian by definition: writeInt/readInt/readLong use network byte order.
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class FramesClient {
    static final int MAX_FRAME = 1024 * 1024;

    static void frame(DataOutputStream out, int op, byte[] payload) throws IOException {
        out.writeInt(1 + payload.length); // u32 BE length of what follows
        out.writeByte(op);
        out.write(payload);
    }

    static byte[] expect(DataInputStream in, int opWanted) throws IOException {
        int length = in.readInt(); // blocks until all 4 bytes are in
        if (length <= 0 || length > MAX_FRAME) throw new IOException("reply frame length " + length + " is not allowed");
        int op = in.readUnsignedByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload); // loops over reads until the whole payload is in
        if (op != opWanted) throw new IOException(String.format("reply op 0x%02x: %s", op, new String(payload, StandardCharsets.UTF_8)));
        return payload;
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(socket.getInputStream());

            frame(out, 0x01, "hello, java".getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer nums = java.nio.ByteBuffer.allocate(12); // big-endian by default too
            nums.putInt(2147483647).putInt(2147483647).putInt(-1);
            frame(out, 0x02, nums.array());
            frame(out, 0x03, "😀안녕".getBytes(StandardCharsets.UTF_8));
            out.flush();

            System.out.println("echo " + new String(expect(in, 0x81), StandardCharsets.UTF_8));
            System.out.println("sum " + java.nio.ByteBuffer.wrap(expect(in, 0x82)).getLong());
            java.nio.ByteBuffer ulen = java.nio.ByteBuffer.wrap(expect(in, 0x83));
            System.out.println("ulen " + Integer.toUnsignedLong(ulen.getInt()) + " " + Integer.toUnsignedLong(ulen.getInt()));
        }
    }
}

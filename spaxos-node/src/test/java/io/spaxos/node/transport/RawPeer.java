package io.spaxos.node.transport;

import io.spaxos.core.msg.Message;
import io.spaxos.node.wire.Handshake;
import io.spaxos.node.wire.MessageCodec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A hand-driven client socket, for sending what a well-behaved transport never would. */
final class RawPeer implements AutoCloseable {

    private static final int CLOSE_WAIT_MS = 5_000;

    private final Socket socket;
    private final DataOutputStream out;

    RawPeer(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        out = new DataOutputStream(socket.getOutputStream());
    }

    RawPeer handshake(String clusterId, int nodeId) throws IOException {
        return frame(new Handshake(clusterId, nodeId, Handshake.PROTOCOL_VERSION).encode());
    }

    RawPeer message(Message m) throws IOException {
        return frame(MessageCodec.encode(m));
    }

    RawPeer frame(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        return this;
    }

    RawPeer raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Waits up to 5 s for the other side to close; false if it is still open then. */
    boolean closedByPeer() throws IOException {
        socket.setSoTimeout(CLOSE_WAIT_MS);
        final InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.spaxos.node.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spaxos.node.wire.proto.WireProto;
import java.nio.ByteBuffer;

/**
 * The first frame on every peer connection: who is calling, in which cluster, speaking which
 * protocol version. The receiver checks all three before it reads any message.
 */
public record Handshake(String clusterId, int nodeId, int protocolVersion) {

    /** "SPX1": bytes of another protocol (an HTTP request, a port scan) never pass for a handshake. */
    public static final int MAGIC = 0x53505831;
    public static final int PROTOCOL_VERSION = 1;
    /** A cluster id is a short name; anything longer is not from a spaxos peer. */
    public static final int MAX_CLUSTER_ID_CHARS = 64;

    public byte[] encode() {
        return WireProto.Handshake.newBuilder().setMagic(MAGIC).setProtocolVersion(protocolVersion)
                .setClusterId(clusterId).setNodeId(nodeId).build().toByteArray();
    }

    public static Handshake decode(ByteBuffer bytes) throws MalformedMessageException {
        final WireProto.Handshake proto;
        try {
            proto = WireProto.Handshake.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("not a spaxos handshake: " + e.getMessage(), e);
        }
        if (proto.getMagic() != MAGIC) {
            throw new MalformedMessageException("not a spaxos handshake: magic is 0x"
                    + Integer.toHexString(proto.getMagic()));
        }
        if (proto.getClusterId().isEmpty() || proto.getClusterId().length() > MAX_CLUSTER_ID_CHARS) {
            throw new MalformedMessageException("handshake cluster_id must have 1.." + MAX_CLUSTER_ID_CHARS
                    + " characters, has " + proto.getClusterId().length());
        }
        return new Handshake(proto.getClusterId(), ProtoValues.nodeId(proto.getNodeId(), "handshake.node_id"),
                proto.getProtocolVersion());
    }
}

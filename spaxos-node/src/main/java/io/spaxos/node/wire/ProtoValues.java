package io.spaxos.node.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.Bytes;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.node.wire.proto.WireProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the values shared by messages and disk records (ballots, batches) between the core's
 * types and their protobuf form. Reading checks what proto3 cannot: presence and ranges.
 */
public final class ProtoValues {

    private ProtoValues() {
    }

    public static WireProto.Ballot toProto(Ballot ballot) {
        return WireProto.Ballot.newBuilder().setRound(ballot.round()).setNode(ballot.node()).build();
    }

    public static WireProto.Batch toProto(Batch batch) {
        final WireProto.Batch.Builder b = WireProto.Batch.newBuilder();
        for (final Proposal p : batch.proposals()) {
            b.addProposals(toProto(p));
        }
        return b.build();
    }

    public static WireProto.Proposal toProto(Proposal proposal) {
        // The core's Bytes never change, so protobuf may share the array instead of copying it.
        return WireProto.Proposal.newBuilder()
                .setReqid(proposal.reqid())
                .setValue(UnsafeByteOperations.unsafeWrap(proposal.value().unsafeArray()))
                .build();
    }

    /** {@code present} is the field's {@code hasX()}: proto3 reads an absent ballot as 0.0. */
    public static Ballot ballot(boolean present, WireProto.Ballot proto, String field)
            throws MalformedMessageException {
        if (!present) {
            throw new MalformedMessageException(field + " is missing");
        }
        // uint64 above Long.MAX_VALUE reads as negative in Java.
        if (proto.getRound() < 0) {
            throw new MalformedMessageException(field + ".round is out of range: "
                    + Long.toUnsignedString(proto.getRound()));
        }
        if (proto.getNode() < 0 || proto.getNode() > CoreConfig.MAX_NODE_ID) {
            throw new MalformedMessageException(field + ".node is outside 0.." + CoreConfig.MAX_NODE_ID + ": "
                    + Integer.toUnsignedString(proto.getNode()));
        }
        return new Ballot(proto.getRound(), proto.getNode());
    }

    public static Batch batch(boolean present, WireProto.Batch proto, String field) throws MalformedMessageException {
        if (!present) {
            throw new MalformedMessageException(field + " is missing");
        }
        return new Batch(proposals(proto.getProposalsList()));
    }

    public static List<Proposal> proposals(List<WireProto.Proposal> protos) {
        final List<Proposal> proposals = new ArrayList<>(protos.size());
        for (final WireProto.Proposal p : protos) {
            proposals.add(new Proposal(p.getReqid(), bytes(p.getValue())));
        }
        return proposals;
    }

    private static Bytes bytes(ByteString value) {
        return Bytes.wrap(value.toByteArray());
    }

    /** A uint64 index: must be at most Long.MAX_VALUE (the core's indexes are non-negative longs). */
    public static long index(long value, String field) throws MalformedMessageException {
        if (value < 0) {
            throw new MalformedMessageException(field + " is out of range: " + Long.toUnsignedString(value));
        }
        return value;
    }

    /** A node id of a message's sender or receiver: {@code 1..MAX_NODE_ID}. */
    public static int nodeId(int value, String field) throws MalformedMessageException {
        if (value < 1 || value > CoreConfig.MAX_NODE_ID) {
            throw new MalformedMessageException(field + " is outside 1.." + CoreConfig.MAX_NODE_ID + ": "
                    + Integer.toUnsignedString(value));
        }
        return value;
    }
}

package io.spaxos.node.wire;

import static io.spaxos.node.wire.ProtoValues.toProto;

import io.spaxos.core.Proposal;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Forward;
import io.spaxos.core.msg.ForwardReject;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.HeartbeatReply;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import io.spaxos.node.wire.proto.WireProto;

/** Core message records to protobuf envelopes. */
final class MessageEncoder {

    private MessageEncoder() {
    }

    static WireProto.Envelope toEnvelope(Message m) {
        final WireProto.Envelope.Builder env = WireProto.Envelope.newBuilder().setFrom(m.from()).setTo(m.to());
        if (m instanceof Prepare p) {
            env.setPrepare(WireProto.Prepare.newBuilder().setBallot(toProto(p.ballot())).setFromIndex(p.fromIndex()));
        } else if (m instanceof Promise p) {
            env.setPromise(promise(p));
        } else if (m instanceof Accept a) {
            env.setAccept(WireProto.Accept.newBuilder().setBallot(toProto(a.ballot())).setIndex(a.index())
                    .setValue(toProto(a.value())));
        } else if (m instanceof Accepted a) {
            env.setAccepted(WireProto.Accepted.newBuilder().setBallot(toProto(a.ballot())).setIndex(a.index())
                    .setOk(a.ok()).setPromised(toProto(a.promised())).setAppliedUpTo(a.appliedUpTo()));
        } else if (m instanceof Commit c) {
            env.setCommit(WireProto.Commit.newBuilder().setBallot(toProto(c.ballot())).setIndex(c.index()));
        } else if (m instanceof Heartbeat h) {
            env.setHeartbeat(WireProto.Heartbeat.newBuilder().setBallot(toProto(h.ballot()))
                    .setAppliedUpTo(h.appliedUpTo()));
        } else if (m instanceof HeartbeatReply r) {
            env.setHeartbeatReply(WireProto.HeartbeatReply.newBuilder().setBallot(toProto(r.ballot())).setOk(r.ok())
                    .setPromised(toProto(r.promised())).setAppliedUpTo(r.appliedUpTo()));
        } else if (m instanceof CatchupRequest c) {
            env.setCatchupRequest(WireProto.CatchupRequest.newBuilder().setFromIndex(c.fromIndex())
                    .setToIndex(c.toIndex()));
        } else if (m instanceof Learn l) {
            env.setLearn(learn(l));
        } else if (m instanceof Forward f) {
            final WireProto.Forward.Builder b = WireProto.Forward.newBuilder().setForwardId(f.forwardId())
                    .setBallot(toProto(f.ballot()));
            for (final Proposal p : f.proposals()) {
                b.addProposals(toProto(p));
            }
            env.setForward(b);
        } else if (m instanceof ForwardReject r) {
            env.setForwardReject(forwardReject(r));
        } else {
            throw new IllegalArgumentException("no wire form for " + m.getClass().getName());
        }
        return env.build();
    }

    private static WireProto.Promise promise(Promise p) {
        final WireProto.Promise.Builder b = WireProto.Promise.newBuilder().setBallot(toProto(p.ballot()))
                .setOk(p.ok()).setPromised(toProto(p.promised())).setAppliedUpTo(p.appliedUpTo());
        for (final Promise.Vote v : p.accepted()) {
            b.addAccepted(WireProto.Vote.newBuilder().setIndex(v.index()).setBallot(toProto(v.ballot()))
                    .setValue(toProto(v.value())).setChosen(v.chosen()));
        }
        return b.build();
    }

    private static WireProto.ForwardReject forwardReject(ForwardReject r) {
        final WireProto.ForwardReject.Builder b = WireProto.ForwardReject.newBuilder()
                .setRetryable(r.retryable()).setReason(r.reason());
        for (final ForwardReject.Ref ref : r.refs()) {
            b.addRefs(WireProto.ForwardReject.Ref.newBuilder().setReqid(ref.reqid()).setForwardId(ref.forwardId()));
        }
        return b.build();
    }

    private static WireProto.Learn learn(Learn l) {
        final WireProto.Learn.Builder b = WireProto.Learn.newBuilder();
        for (final Learn.Chosen c : l.chosen()) {
            b.addChosen(WireProto.Chosen.newBuilder().setIndex(c.index()).setValue(toProto(c.value())));
        }
        return b.build();
    }
}

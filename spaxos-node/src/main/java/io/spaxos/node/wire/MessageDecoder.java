package io.spaxos.node.wire;

import static io.spaxos.node.wire.ProtoValues.ballot;
import static io.spaxos.node.wire.ProtoValues.batch;
import static io.spaxos.node.wire.ProtoValues.index;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Protobuf envelopes to core message records. proto3 reads a missing field as its default, so
 * every field the core relies on is checked here: a peer's bug or a flipped bit must not become a
 * vote for ballot 0.0 or a promise at index -1.
 */
final class MessageDecoder {

    private MessageDecoder() {
    }

    static Message fromEnvelope(WireProto.Envelope env) throws MalformedMessageException {
        final int from = ProtoValues.nodeId(env.getFrom(), "from");
        final int to = ProtoValues.nodeId(env.getTo(), "to");
        return switch (env.getBodyCase()) {
            case PREPARE -> prepare(from, to, env.getPrepare());
            case PROMISE -> promise(from, to, env.getPromise());
            case ACCEPT -> accept(from, to, env.getAccept());
            case ACCEPTED -> accepted(from, to, env.getAccepted());
            case COMMIT -> commit(from, to, env.getCommit());
            case HEARTBEAT -> heartbeat(from, to, env.getHeartbeat());
            case HEARTBEAT_REPLY -> heartbeatReply(from, to, env.getHeartbeatReply());
            case CATCHUP_REQUEST -> catchupRequest(from, to, env.getCatchupRequest());
            case LEARN -> learn(from, to, env.getLearn());
            case FORWARD -> forward(from, to, env.getForward());
            case FORWARD_REJECT -> forwardReject(from, to, env.getForwardReject());
            case BODY_NOT_SET -> throw new MalformedMessageException("envelope has no known message body");
        };
    }

    private static Prepare prepare(int from, int to, WireProto.Prepare p) throws MalformedMessageException {
        return new Prepare(from, to, ballot(p.hasBallot(), p.getBallot(), "prepare.ballot"),
                index(p.getFromIndex(), "prepare.from_index"));
    }

    private static Promise promise(int from, int to, WireProto.Promise p) throws MalformedMessageException {
        final List<Promise.Vote> votes = new ArrayList<>(p.getAcceptedCount());
        for (int i = 0; i < p.getAcceptedCount(); i++) {
            final WireProto.Vote v = p.getAccepted(i);
            final String field = "promise.accepted[" + i + "]";
            votes.add(new Promise.Vote(index(v.getIndex(), field + ".index"),
                    ballot(v.hasBallot(), v.getBallot(), field + ".ballot"),
                    batch(v.hasValue(), v.getValue(), field + ".value"), v.getChosen()));
        }
        return new Promise(from, to, ballot(p.hasBallot(), p.getBallot(), "promise.ballot"), p.getOk(),
                ballot(p.hasPromised(), p.getPromised(), "promise.promised"),
                index(p.getAppliedUpTo(), "promise.applied_up_to"), votes);
    }

    private static Accept accept(int from, int to, WireProto.Accept a) throws MalformedMessageException {
        return new Accept(from, to, ballot(a.hasBallot(), a.getBallot(), "accept.ballot"),
                index(a.getIndex(), "accept.index"), batch(a.hasValue(), a.getValue(), "accept.value"));
    }

    private static Accepted accepted(int from, int to, WireProto.Accepted a) throws MalformedMessageException {
        return new Accepted(from, to, ballot(a.hasBallot(), a.getBallot(), "accepted.ballot"),
                index(a.getIndex(), "accepted.index"), a.getOk(),
                ballot(a.hasPromised(), a.getPromised(), "accepted.promised"),
                index(a.getAppliedUpTo(), "accepted.applied_up_to"));
    }

    private static Commit commit(int from, int to, WireProto.Commit c) throws MalformedMessageException {
        return new Commit(from, to, ballot(c.hasBallot(), c.getBallot(), "commit.ballot"),
                index(c.getIndex(), "commit.index"));
    }

    private static Heartbeat heartbeat(int from, int to, WireProto.Heartbeat h) throws MalformedMessageException {
        return new Heartbeat(from, to, ballot(h.hasBallot(), h.getBallot(), "heartbeat.ballot"),
                index(h.getAppliedUpTo(), "heartbeat.applied_up_to"));
    }

    private static HeartbeatReply heartbeatReply(int from, int to, WireProto.HeartbeatReply r)
            throws MalformedMessageException {
        return new HeartbeatReply(from, to, ballot(r.hasBallot(), r.getBallot(), "heartbeat_reply.ballot"), r.getOk(),
                ballot(r.hasPromised(), r.getPromised(), "heartbeat_reply.promised"),
                index(r.getAppliedUpTo(), "heartbeat_reply.applied_up_to"));
    }

    private static CatchupRequest catchupRequest(int from, int to, WireProto.CatchupRequest c)
            throws MalformedMessageException {
        return new CatchupRequest(from, to, index(c.getFromIndex(), "catchup_request.from_index"),
                index(c.getToIndex(), "catchup_request.to_index"));
    }

    private static Forward forward(int from, int to, WireProto.Forward f) throws MalformedMessageException {
        return new Forward(from, to, f.getForwardId(), ballot(f.hasBallot(), f.getBallot(), "forward.ballot"),
                ProtoValues.proposals(f.getProposalsList()));
    }

    private static ForwardReject forwardReject(int from, int to, WireProto.ForwardReject r) {
        final List<ForwardReject.Ref> refs = new ArrayList<>(r.getRefsCount());
        for (final WireProto.ForwardReject.Ref ref : r.getRefsList()) {
            refs.add(new ForwardReject.Ref(ref.getReqid(), ref.getForwardId()));
        }
        return new ForwardReject(from, to, refs, r.getRetryable(), r.getReason());
    }

    private static Learn learn(int from, int to, WireProto.Learn l) throws MalformedMessageException {
        final List<Learn.Chosen> chosen = new ArrayList<>(l.getChosenCount());
        for (int i = 0; i < l.getChosenCount(); i++) {
            final WireProto.Chosen c = l.getChosen(i);
            chosen.add(new Learn.Chosen(index(c.getIndex(), "learn.chosen[" + i + "].index"),
                    batch(c.hasValue(), c.getValue(), "learn.chosen[" + i + "].value")));
        }
        return new Learn(from, to, chosen);
    }
}

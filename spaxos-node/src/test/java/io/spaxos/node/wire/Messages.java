package io.spaxos.node.wire;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.Bytes;
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
import java.util.List;

/** One hand-picked example of every message type, with edge values where they matter. */
public final class Messages {

    private Messages() {
    }

    public static final Ballot B = new Ballot(7, 2);
    public static final Batch TWO = new Batch(List.of(Proposal.of("r1", "set x 1"),
            new Proposal("r2-é", Bytes.wrap(new byte[] {0, (byte) 0xff, 10}))));

    public static List<Message> oneOfEach(int from, int to) {
        return List.of(
                new Prepare(from, to, B, 1),
                new Promise(from, to, B, true, B, 4, List.of(
                        new Promise.Vote(5, new Ballot(3, 1), TWO, false),
                        new Promise.Vote(6, Ballot.ZERO, Batch.NOOP, true))),
                new Promise(from, to, B, false, new Ballot(Long.MAX_VALUE, 4095), 0, List.of()),
                new Accept(from, to, B, Long.MAX_VALUE, TWO),
                new Accept(from, to, B, 9, Batch.NOOP),
                new Accepted(from, to, B, 9, true, B, 8),
                new Accepted(from, to, B, 9, false, new Ballot(8, 3), 0),
                new Commit(from, to, B, 9),
                new Heartbeat(from, to, B, 100),
                new HeartbeatReply(from, to, B, false, new Ballot(9, 1), 99),
                new CatchupRequest(from, to, 10, 20),
                new Learn(from, to, List.of(new Learn.Chosen(10, TWO), new Learn.Chosen(11, Batch.NOOP))),
                new Learn(from, to, List.of()),
                new Forward(from, to, 42, B, TWO.proposals()),
                new Forward(from, to, -1, Ballot.ZERO, List.of()),
                new ForwardReject(from, to, List.of(new ForwardReject.Ref("r1", 42), new ForwardReject.Ref("r2", 0)),
                        true, "not the master"));
    }
}

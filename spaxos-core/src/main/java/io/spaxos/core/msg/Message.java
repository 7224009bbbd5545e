package io.spaxos.core.msg;

/**
 * Everything replicas say to each other. Messages to self travel the same path as messages to
 * peers, so one code path counts every vote.
 */
public sealed interface Message
        permits Prepare, Promise, Accept, Accepted, Commit, Heartbeat, HeartbeatReply,
                CatchupRequest, Learn, Forward, ForwardReject {

    int from();

    int to();
}

package io.spaxos.node.transport;

/**
 * Counts since the transport started. Paxos tolerates lost messages, so the transport drops rather
 * than blocks or buffers without bound; these counters are how an operator sees it happening.
 *
 * @param messagesSent         messages handed to a peer connection (or delivered to self)
 * @param messagesReceived     messages from peers passed to the inbound consumer
 * @param droppedDisconnected  messages to a peer with no connection at the time
 * @param droppedOverflow      messages to a peer whose outbound buffer was above its high-water mark
 * @param droppedOversized     messages larger than the frame limit, never sent
 * @param droppedMisaddressed  received messages whose sender or receiver did not match the connection
 * @param connectionsRejected  inbound connections closed for a bad handshake, bad frame, or limit
 */
public record TransportStats(long messagesSent, long messagesReceived, long droppedDisconnected,
                             long droppedOverflow, long droppedOversized, long droppedMisaddressed,
                             long connectionsRejected) {
}

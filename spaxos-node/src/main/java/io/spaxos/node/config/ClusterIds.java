package io.spaxos.node.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cluster id of a config without {@code "cluster"}: derived from the member list only, so
 * every replica given the same groups (in any order) computes the same id, and a replica of
 * another group does not.
 */
final class ClusterIds {

    private static final int HEX_CHARS = 16;

    private ClusterIds() {
    }

    static String derive(List<Member> members) {
        final String canonical = members.stream()
                .sorted(Comparator.comparingInt(Member::id))
                .map(m -> m.id() + "=" + m.host() + ":" + m.peerPort())
                .collect(Collectors.joining(","));
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "spaxos-" + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.spaxos.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that a config's {@code "ip"} is an IP literal or a well-formed host name, without looking
 * anything up: loading a config must not depend on DNS being reachable.
 */
final class HostNames {

    /** RFC 1123 §2.1 label: letters, digits, hyphens; no hyphen at either end; 1..63 characters. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_HOST_NAME_CHARS = 253;

    private HostNames() {
    }

    /** Empty when {@code host} is usable; otherwise why not. */
    static Optional<String> problemWith(String host) {
        if (host.isEmpty()) {
            return Optional.of("is empty");
        }
        if (host.indexOf(':') >= 0) {
            return ipv6Problem(host);
        }
        final String[] labels = host.split("\\.", -1);
        // A name whose last label is all digits can only be meant as an IPv4 address (RFC 3696 §2).
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return isIpv4(labels) ? Optional.empty()
                    : Optional.of("\"" + host + "\" is not a valid IPv4 address");
        }
        if (host.length() > MAX_HOST_NAME_CHARS) {
            return Optional.of("host name is longer than " + MAX_HOST_NAME_CHARS + " characters");
        }
        for (final String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("\"" + host + "\" is neither an IP address nor a valid host name");
            }
        }
        return Optional.empty();
    }

    private static boolean isIpv4(String[] labels) {
        if (labels.length != 4) {
            return false;
        }
        for (final String octet : labels) {
            // Leading zeros are refused: some resolvers read "010" as octal 8.
            if (!DIGITS.matcher(octet).matches() || octet.length() > 3
                    || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> ipv6Problem(String host) {
        try {
            // A string with ':' is parsed as an IPv6 literal and never sent to DNS.
            InetAddress.getByName(host);
            return Optional.empty();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("\"" + host + "\" is not a valid IPv6 address");
        }
    }
}

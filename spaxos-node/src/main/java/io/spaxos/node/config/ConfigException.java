package io.spaxos.node.config;

/**
 * A config file that cannot be used. The message is one line naming the key path (for example
 * {@code groups[1].port}) and the problem, so an operator can fix the file from the error alone.
 */
public final class ConfigException extends Exception {

    private final String keyPath;

    public ConfigException(String keyPath, String problem) {
        super(keyPath + ": " + oneLine(problem));
        this.keyPath = keyPath;
    }

    /** The key the problem is at, such as {@code stimeout.heartbeat}; the file name for file-level problems. */
    public String keyPath() {
        return keyPath;
    }

    /** Library messages (Jackson's, the JDK's) can span lines; an error line must not. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}

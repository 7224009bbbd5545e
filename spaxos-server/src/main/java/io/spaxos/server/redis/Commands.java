package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import io.spaxos.node.config.ReadMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a client's command (name, arity, syntax) and decides what to do with it: key-value
 * commands become {@link KvCommand}s for the log (or, for reads in {@code read_mode: local}, are
 * answered from local state); connection and server commands are answered here. Error texts are
 * Redis's, so clients and people recognise them.
 */
final class Commands {

    /** Redis arity: the argument count including the name; negative means "at least". */
    private record Spec(int arity) {
        boolean accepts(int argc) {
            return arity >= 0 ? argc == arity : argc >= -arity;
        }
    }

    static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("PING", new Spec(-1)), Map.entry("ECHO", new Spec(2)), Map.entry("GET", new Spec(2)),
            Map.entry("SET", new Spec(-3)), Map.entry("DEL", new Spec(-2)), Map.entry("EXISTS", new Spec(-2)),
            Map.entry("INCR", new Spec(2)), Map.entry("INCRBY", new Spec(3)), Map.entry("DECR", new Spec(2)),
            Map.entry("DECRBY", new Spec(3)), Map.entry("APPEND", new Spec(3)), Map.entry("STRLEN", new Spec(2)),
            Map.entry("MGET", new Spec(-2)), Map.entry("MSET", new Spec(-3)), Map.entry("DBSIZE", new Spec(1)),
            Map.entry("INFO", new Spec(-1)), Map.entry("COMMAND", new Spec(-1)), Map.entry("CONFIG", new Spec(-2)),
            Map.entry("CLIENT", new Spec(-2)), Map.entry("SELECT", new Spec(2)), Map.entry("QUIT", new Spec(-1)),
            Map.entry("HELLO", new Spec(-1)), Map.entry("DEBUG", new Spec(-2)));

    private final ReadMode readMode;
    private final KvStateMachine kv;
    private final ServerCommands server;

    Commands(ReadMode readMode, KvStateMachine kv, ServerCommands server) {
        this.readMode = readMode;
        this.kv = kv;
        this.server = server;
    }

    Action dispatch(List<byte[]> args, Session session) {
        final String name = upper(args.get(0));
        final Spec spec = SPECS.get(name);
        if (spec == null) {
            return Action.error(unknownCommand(args));
        }
        if (!spec.accepts(args.size())) {
            return Action.error(wrongArity(name));
        }
        switch (name) {
            case "PING":
                return args.size() > 2 ? Action.error(wrongArity(name))
                        : new Action.Now(args.size() == 1 ? new Reply.Simple("PONG") : bulk(args.get(1)));
            case "ECHO":
                return new Action.Now(bulk(args.get(1)));
            case "GET":
                return data(new KvCommand.Get(key(args, 1)), args);
            case "SET":
                return set(args);
            case "DEL":
                return data(new KvCommand.Del(keys(args, 1)), args);
            case "EXISTS":
                return data(new KvCommand.Exists(keys(args, 1)), args);
            case "INCR":
                return data(new KvCommand.IncrBy(key(args, 1), 1), args);
            case "DECR":
                return data(new KvCommand.IncrBy(key(args, 1), -1), args);
            case "INCRBY":
            case "DECRBY":
                return incrBy(args, "DECRBY".equals(name));
            case "APPEND":
                return data(new KvCommand.Append(key(args, 1), key(args, 2)), args);
            case "STRLEN":
                return data(new KvCommand.Strlen(key(args, 1)), args);
            case "MGET":
                return data(new KvCommand.MGet(keys(args, 1)), args);
            case "MSET":
                return args.size() % 2 == 0 ? Action.error(wrongArity(name))
                        : data(new KvCommand.MSet(keys(args, 1)), args);
            case "DBSIZE":
                return data(new KvCommand.DbSize(), args);
            case "DEBUG":
                return "DIGEST".equals(upper(args.get(1))) && args.size() == 2 ? data(new KvCommand.Digest(), args)
                        : Action.error("ERR spaxos supports DEBUG DIGEST only");
            case "SELECT":
                return select(args.get(1));
            case "QUIT":
                return new Action.Close(Reply.OK);
            default:
                return server.dispatch(name, args, session);
        }
    }

    /** A key-value command: through the log, or for a read in {@code read_mode: local}, from local state. */
    private Action data(KvCommand command, List<byte[]> args) {
        if (command.readOnly() && readMode == ReadMode.LOCAL) {
            return new Action.Later(() -> kv.readLocally(command));
        }
        // An upper bound on the command's share of a log entry: its bytes plus length prefixes.
        long sizeBytes = 16;
        for (final byte[] arg : args) {
            sizeBytes += arg.length + 5L;
        }
        return new Action.Log(command, sizeBytes);
    }

    /** SET key value [NX | XX | IFEQ old] [GET] [KEEPTTL]; expiry options are refused. */
    private Action set(List<byte[]> args) {
        KvCommand.Condition condition = KvCommand.Condition.ALWAYS;
        Bytes expected = null;
        boolean returnOld = false;
        for (int i = 3; i < args.size(); i++) {
            final String option = upper(args.get(i));
            final boolean conditionFree = condition == KvCommand.Condition.ALWAYS;
            if ("NX".equals(option) && (conditionFree || condition == KvCommand.Condition.NX)) {
                condition = KvCommand.Condition.NX;
            } else if ("XX".equals(option) && (conditionFree || condition == KvCommand.Condition.XX)) {
                condition = KvCommand.Condition.XX;
            } else if ("IFEQ".equals(option) && conditionFree && i + 1 < args.size()) {
                condition = KvCommand.Condition.IFEQ;
                expected = key(args, ++i);
            } else if ("GET".equals(option)) {
                returnOld = true;
            } else if ("KEEPTTL".equals(option)) {
                continue; // no key has an expiry, so keeping it changes nothing
            } else if (List.of("EX", "PX", "EXAT", "PXAT").contains(option)) {
                return Action.error("ERR SET " + option + ": key expiry is not supported by spaxos (keys never expire)");
            } else {
                return Action.error("ERR syntax error");
            }
        }
        return data(new KvCommand.Set(key(args, 1), key(args, 2), condition, expected, returnOld), args);
    }

    private Action incrBy(List<byte[]> args, boolean decrement) {
        final Long by = Numbers.parseLong(args.get(2));
        if (by == null) {
            return Action.error(KvStore.NOT_INTEGER);
        }
        if (decrement && by == Long.MIN_VALUE) {
            return Action.error("ERR decrement would overflow");
        }
        return data(new KvCommand.IncrBy(key(args, 1), decrement ? -by : by), args);
    }

    private static Action select(byte[] arg) {
        final Long db = Numbers.parseLong(arg);
        if (db == null) {
            return Action.error(KvStore.NOT_INTEGER);
        }
        return db == 0 ? new Action.Now(Reply.OK)
                : Action.error("ERR DB index is out of range (spaxos has one database, 0)");
    }

    /** Redis 7's text: {@code ERR unknown command 'x', with args beginning with: 'a' 'b' }. */
    static String unknownCommand(List<byte[]> args) {
        final StringBuilder text = new StringBuilder("ERR unknown command '")
                .append(abbreviate(args.get(0), 128)).append("', with args beginning with: ");
        final int start = text.length();
        for (int i = 1; i < args.size() && text.length() - start < 128; i++) {
            text.append('\'').append(abbreviate(args.get(i), 128 - (text.length() - start))).append("' ");
        }
        return text.toString();
    }

    static String wrongArity(String name) {
        return "ERR wrong number of arguments for '" + name.toLowerCase(Locale.ROOT) + "' command";
    }

    static String upper(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }

    static String abbreviate(byte[] arg) {
        return abbreviate(arg, 64);
    }

    private static String abbreviate(byte[] arg, int maxChars) {
        final String text = new String(arg, StandardCharsets.UTF_8);
        return text.length() <= maxChars ? text : text.substring(0, Math.max(0, maxChars));
    }

    private static Reply bulk(byte[] arg) {
        return new Reply.Bulk(Bytes.wrap(arg));
    }

    /** The argument at {@code i}: the decoder made a fresh array for it, so it is wrapped, not copied. */
    private static Bytes key(List<byte[]> args, int i) {
        return Bytes.wrap(args.get(i));
    }

    private static List<Bytes> keys(List<byte[]> args, int from) {
        final List<Bytes> keys = new ArrayList<>(args.size() - from);
        for (int i = from; i < args.size(); i++) {
            keys.add(Bytes.wrap(args.get(i)));
        }
        return keys;
    }
}

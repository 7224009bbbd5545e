package io.spaxos.server.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The commands about the server and the connection rather than the data: INFO, COMMAND, CONFIG,
 * CLIENT and HELLO. They exist so that redis-cli, redis-benchmark and client libraries start
 * without complaint; they answer from this replica alone, without the log.
 */
final class ServerCommands {

    static final String COMPAT_REDIS_VERSION = "7.0.0";

    /** What CONFIG GET reports: redis-benchmark asks for save and appendonly. */
    private static final Map<String, String> CONFIG = Map.of(
            "save", "",
            "appendonly", "yes",
            "appendfsync", "always",
            "databases", "1",
            "maxmemory", "0",
            "proto-max-bulk-len", Long.toString(RespDecoder.DEFAULT_MAX_BULK_BYTES));

    private final Info info;

    ServerCommands(Info info) {
        this.info = info;
    }

    Action dispatch(String name, List<byte[]> args, Session session) {
        switch (name) {
            case "INFO":
                final List<String> sections = new ArrayList<>();
                for (int i = 1; i < args.size(); i++) {
                    sections.add(Commands.upper(args.get(i)).toLowerCase(java.util.Locale.ROOT));
                }
                return new Action.Later(() -> Reply.bulk(info.render(sections)));
            case "COMMAND":
                return command(args);
            case "CONFIG":
                return config(args);
            case "CLIENT":
                return client(args, session);
            case "HELLO":
                return hello(args, session);
            default:
                return Action.error(Commands.unknownCommand(args));
        }
    }

    private static Action command(List<byte[]> args) {
        final String sub = args.size() > 1 ? Commands.upper(args.get(1)) : "";
        switch (sub) {
            case "":
            case "DOCS":
                return new Action.Now(Reply.EMPTY_ARRAY);
            case "COUNT":
                return new Action.Now(new Reply.Int(Commands.SPECS.size()));
            case "LIST": {
                final List<Reply> names = new ArrayList<>();
                Commands.SPECS.keySet().stream().sorted()
                        .forEach(n -> names.add(Reply.bulk(n.toLowerCase(java.util.Locale.ROOT))));
                return new Action.Now(new Reply.Array(names));
            }
            case "INFO": {
                final List<Reply> nils = new ArrayList<>();
                for (int i = 2; i < args.size(); i++) {
                    nils.add(Reply.NIL);
                }
                return new Action.Now(new Reply.Array(nils));
            }
            default:
                return unknownSubcommand(args.get(1), "COMMAND");
        }
    }

    private static Action config(List<byte[]> args) {
        final String sub = Commands.upper(args.get(1));
        if ("GET".equals(sub)) {
            if (args.size() < 3) {
                return Action.error("ERR wrong number of arguments for 'config|get' command");
            }
            final List<Reply> pairs = new ArrayList<>();
            CONFIG.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> matchesAny(e.getKey(), args.subList(2, args.size())))
                    .forEach(e -> {
                        pairs.add(Reply.bulk(e.getKey()));
                        pairs.add(Reply.bulk(e.getValue()));
                    });
            return new Action.Now(new Reply.Array(pairs));
        }
        if ("RESETSTAT".equals(sub)) {
            return new Action.Now(Reply.OK);
        }
        if ("SET".equals(sub) || "REWRITE".equals(sub)) {
            return Action.error("ERR CONFIG " + sub + " is not supported: spaxos takes its settings from its config file");
        }
        return unknownSubcommand(args.get(1), "CONFIG");
    }

    private static boolean matchesAny(String parameter, List<byte[]> patterns) {
        for (final byte[] pattern : patterns) {
            if (glob(new String(pattern, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT))
                    .matcher(parameter).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Redis glob patterns as far as CONFIG GET needs them: {@code *} and {@code ?}. */
    private static Pattern glob(String pattern) {
        final StringBuilder regex = new StringBuilder();
        for (final char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static Action client(List<byte[]> args, Session session) {
        final String sub = Commands.upper(args.get(1));
        switch (sub) {
            case "SETNAME":
                if (args.size() != 3) {
                    return Action.error("ERR wrong number of arguments for 'client|setname' command");
                }
                return setName(args.get(2), session);
            case "GETNAME":
                return new Action.Now(session.name.isEmpty() ? Reply.NIL : Reply.bulk(session.name));
            case "ID":
                return new Action.Now(new Reply.Int(session.id));
            case "INFO":
            case "LIST":
                return new Action.Now(Reply.bulk("id=" + session.id + " addr=" + session.address
                        + " name=" + session.name + " db=0 resp=2\n"));
            default:
                // SETINFO, REPLY ON, NO-EVICT and the like: accepted, nothing to do here.
                return new Action.Now(Reply.OK);
        }
    }

    private static Action setName(byte[] name, Session session) {
        for (final byte b : name) {
            if (b < '!' || b > '~') {
                return Action.error("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        session.name = new String(name, java.nio.charset.StandardCharsets.US_ASCII);
        return new Action.Now(Reply.OK);
    }

    /** HELLO [2 [AUTH user pass] [SETNAME name]]: RESP2 only; there are no passwords to check. */
    private Action hello(List<byte[]> args, Session session) {
        if (args.size() > 1) {
            final Long version = Numbers.parseLong(args.get(1));
            if (version == null) {
                return Action.error("ERR Protocol version is not an integer or out of range");
            }
            if (version != 2) {
                return Action.error("NOPROTO sorry, this protocol version is not supported (spaxos speaks RESP2)");
            }
        }
        for (int i = 2; i < args.size(); i++) {
            final String option = Commands.upper(args.get(i));
            if ("AUTH".equals(option) && i + 2 < args.size()) {
                i += 2;
            } else if ("SETNAME".equals(option) && i + 1 < args.size()) {
                final Action refused = setName(args.get(++i), session);
                if (refused instanceof Action.Now now && now.reply() instanceof Reply.Error) {
                    return refused;
                }
            } else {
                return Action.error("ERR Syntax error in HELLO option '" + Commands.abbreviate(args.get(i)) + "'");
            }
        }
        return new Action.Now(new Reply.Array(List.of(
                Reply.bulk("server"), Reply.bulk("spaxos"),
                Reply.bulk("version"), Reply.bulk(COMPAT_REDIS_VERSION),
                Reply.bulk("proto"), new Reply.Int(2),
                Reply.bulk("id"), new Reply.Int(session.id),
                Reply.bulk("mode"), Reply.bulk("standalone"),
                Reply.bulk("role"), Reply.bulk("master"),
                Reply.bulk("modules"), Reply.EMPTY_ARRAY)));
    }

    private static Action unknownSubcommand(byte[] sub, String command) {
        return Action.error("ERR unknown subcommand '" + Commands.abbreviate(sub) + "'. Try " + command + " HELP.");
    }
}

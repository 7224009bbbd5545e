package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log value of a group of key-value commands:
 * <pre>
 *   0xF7                       format byte: "key-value commands, version 1"
 *   varint n                   commands in the group, 1..MAX_COMMANDS
 *   n × (opcode, fields)       fields by opcode; a byte string is varint length + bytes
 * </pre>
 * 0xF7 never occurs in UTF-8 text, so a value from another writer of the same log (the line
 * protocol's {@code PROP}) can never be read as a key-value command. Anything that does not decode
 * exactly (another format, a truncated or padded value) is not a key-value entry, and the state
 * machine ignores it.
 */
final class KvCodec {

    static final int FORMAT_V1 = 0xF7;
    static final int MAX_COMMANDS = 1 << 16;

    private static final int GET = 1;
    private static final int SET = 2;
    private static final int DEL = 3;
    private static final int EXISTS = 4;
    private static final int INCRBY = 5;
    private static final int APPEND = 6;
    private static final int STRLEN = 7;
    private static final int MGET = 8;
    private static final int MSET = 9;
    private static final int DBSIZE = 10;
    private static final int DIGEST = 11;
    private static final int SET_RETURN_OLD = 0x10;

    private KvCodec() {
    }

    static byte[] encode(List<KvCommand> commands) {
        if (commands.isEmpty() || commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("a group holds 1.." + MAX_COMMANDS + " commands, not " + commands.size());
        }
        // Two passes over the same code, counting and then filling: one array of the exact size,
        // where a growing buffer would copy a value several times on a path every write takes.
        final Count count = new Count();
        encode(commands, count);
        final Fill fill = new Fill(count.bytes);
        encode(commands, fill);
        return fill.array;
    }

    private static void encode(List<KvCommand> commands, Out out) {
        out.write(FORMAT_V1);
        varint(out, commands.size());
        for (final KvCommand c : commands) {
            encode(c, out);
        }
    }

    /** Where {@link #encode} writes: a byte count, then the array of that size. */
    private interface Out {
        void write(int b);

        void write(byte[] b, int off, int len);
    }

    private static final class Count implements Out {
        int bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static final class Fill implements Out {
        final byte[] array;
        private int position;

        Fill(int size) {
            array = new byte[size];
        }

        @Override
        public void write(int b) {
            array[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, array, position, len);
            position += len;
        }
    }

    /** The commands of a key-value entry; empty when {@code value} is not one. */
    static Optional<List<KvCommand>> decode(Bytes value) {
        final byte[] b = value.unsafeArray();
        if (b.length == 0 || (b[0] & 0xff) != FORMAT_V1) {
            return Optional.empty();
        }
        try {
            final Reader in = new Reader(b, 1);
            final int n = in.varint();
            if (n < 1 || n > MAX_COMMANDS) {
                return Optional.empty();
            }
            final List<KvCommand> commands = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                commands.add(decodeOne(in));
            }
            return in.atEnd() ? Optional.of(commands) : Optional.empty();
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    private static void encode(KvCommand c, Out out) {
        if (c instanceof KvCommand.Get g) {
            out.write(GET);
            bytes(out, g.key());
        } else if (c instanceof KvCommand.Set s) {
            out.write(SET);
            out.write(s.condition().ordinal() | (s.returnOld() ? SET_RETURN_OLD : 0));
            bytes(out, s.key());
            bytes(out, s.value());
            if (s.condition() == KvCommand.Condition.IFEQ) {
                bytes(out, s.expected());
            }
        } else if (c instanceof KvCommand.Del d) {
            out.write(DEL);
            list(out, d.keys());
        } else if (c instanceof KvCommand.Exists e) {
            out.write(EXISTS);
            list(out, e.keys());
        } else if (c instanceof KvCommand.IncrBy i) {
            out.write(INCRBY);
            bytes(out, i.key());
            varint(out, (i.delta() << 1) ^ (i.delta() >> 63)); // zig-zag: small negatives stay short
        } else if (c instanceof KvCommand.Append a) {
            out.write(APPEND);
            bytes(out, a.key());
            bytes(out, a.value());
        } else if (c instanceof KvCommand.Strlen s) {
            out.write(STRLEN);
            bytes(out, s.key());
        } else if (c instanceof KvCommand.MGet m) {
            out.write(MGET);
            list(out, m.keys());
        } else if (c instanceof KvCommand.MSet m) {
            out.write(MSET);
            list(out, m.keysAndValues());
        } else if (c instanceof KvCommand.DbSize) {
            out.write(DBSIZE);
        } else if (c instanceof KvCommand.Digest) {
            out.write(DIGEST);
        }
    }

    private static KvCommand decodeOne(Reader in) throws Malformed {
        final int opcode = in.u8();
        switch (opcode) {
            case GET:
                return new KvCommand.Get(in.bytes());
            case SET: {
                final int flags = in.u8();
                final int condition = flags & 0x0f;
                if (condition >= KvCommand.Condition.values().length || (flags & ~(0x0f | SET_RETURN_OLD)) != 0) {
                    throw new Malformed();
                }
                final KvCommand.Condition cond = KvCommand.Condition.values()[condition];
                final Bytes key = in.bytes();
                final Bytes value = in.bytes();
                final Bytes expected = cond == KvCommand.Condition.IFEQ ? in.bytes() : null;
                return new KvCommand.Set(key, value, cond, expected, (flags & SET_RETURN_OLD) != 0);
            }
            case DEL:
                return new KvCommand.Del(in.list(1));
            case EXISTS:
                return new KvCommand.Exists(in.list(1));
            case INCRBY: {
                final Bytes key = in.bytes();
                final long zigzag = in.varlong();
                return new KvCommand.IncrBy(key, (zigzag >>> 1) ^ -(zigzag & 1));
            }
            case APPEND:
                return new KvCommand.Append(in.bytes(), in.bytes());
            case STRLEN:
                return new KvCommand.Strlen(in.bytes());
            case MGET:
                return new KvCommand.MGet(in.list(1));
            case MSET: {
                final List<Bytes> kv = in.list(2);
                if (kv.size() % 2 != 0) {
                    throw new Malformed();
                }
                return new KvCommand.MSet(kv);
            }
            case DBSIZE:
                return new KvCommand.DbSize();
            case DIGEST:
                return new KvCommand.Digest();
            default:
                throw new Malformed();
        }
    }

    private static void list(Out out, List<Bytes> items) {
        varint(out, items.size());
        for (final Bytes b : items) {
            bytes(out, b);
        }
    }

    private static void bytes(Out out, Bytes b) {
        varint(out, b.length());
        out.write(b.unsafeArray(), 0, b.length());
    }

    private static void varint(Out out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Not a key-value entry after all. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    /** Reads a value with every length checked against what is left, so no input can over-allocate. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        boolean atEnd() {
            return pos == b.length;
        }

        int u8() throws Malformed {
            if (pos >= b.length) {
                throw new Malformed();
            }
            return b[pos++] & 0xff;
        }

        long varlong() throws Malformed {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                final int x = u8();
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new Malformed();
        }

        int varint() throws Malformed {
            final long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new Malformed();
            }
            return (int) v;
        }

        Bytes bytes() throws Malformed {
            final int n = varint();
            if (n > b.length - pos) {
                throw new Malformed();
            }
            final byte[] copy = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return Bytes.wrap(copy);
        }

        /** A list of at least {@code min} byte strings; each takes at least one byte, which bounds the count. */
        List<Bytes> list(int min) throws Malformed {
            final int n = varint();
            if (n < min || n > b.length - pos) {
                throw new Malformed();
            }
            final List<Bytes> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(bytes());
            }
            return items;
        }
    }
}

package io.spaxos.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An immutable byte string with value equality, so proposals can be compared and hashed. */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; later changes to the array do not affect the result. */
    public static Bytes copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes}: the caller must not change the array afterwards. */
    public static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    public static Bytes utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The backing array, for encoders that only read it. Never modify it. */
    public byte[] unsafeArray() {
        return bytes;
    }

    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 32 ? utf8() : utf8().substring(0, 32) + "...(" + bytes.length + " bytes)";
    }
}

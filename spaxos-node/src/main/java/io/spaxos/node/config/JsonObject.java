package io.spaxos.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JSON object of the config file and its key path, with typed reads that fail naming the key. */
final class JsonObject {

    private static final Logger LOG = LoggerFactory.getLogger(JsonObject.class);

    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** {@code path} is the key path of this object, empty for the file's root. */
    static JsonObject of(JsonNode node, String path) throws ConfigException {
        if (node == null || !node.isObject()) {
            throw new ConfigException(path.isEmpty() ? "(root)" : path,
                    "expected a JSON object, got " + describe(node));
        }
        return new JsonObject(node, path);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int requireInt(String key, int min, int max) throws ConfigException {
        return toInt(key, require(key), min, max);
    }

    OptionalInt optionalInt(String key, int min, int max) throws ConfigException {
        final JsonNode value = node.get(key);
        return isAbsent(value) ? OptionalInt.empty() : OptionalInt.of(toInt(key, value, min, max));
    }

    String requireString(String key) throws ConfigException {
        return toText(key, require(key));
    }

    Optional<String> optionalString(String key) throws ConfigException {
        final JsonNode value = node.get(key);
        return isAbsent(value) ? Optional.empty() : Optional.of(toText(key, value));
    }

    JsonObject requireObject(String key) throws ConfigException {
        return of(require(key), pathOf(key));
    }

    /** The elements of an array, each with its key path such as {@code groups[1]}. */
    List<JsonObject> requireObjectArray(String key, int minLength, int maxLength) throws ConfigException {
        final JsonNode value = require(key);
        if (!value.isArray()) {
            throw new ConfigException(pathOf(key), "expected an array, got " + describe(value));
        }
        if (value.size() < minLength || value.size() > maxLength) {
            throw new ConfigException(pathOf(key), "expected " + minLength + ".." + maxLength
                    + " entries, got " + value.size());
        }
        final List<JsonObject> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            elements.add(of(value.get(i), pathOf(key) + "[" + i + "]"));
        }
        return elements;
    }

    /** Unknown keys are allowed, so files from newer versions still load; debug shows typos. */
    void logUnknownKeys(Set<String> known) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                LOG.debug("config: ignoring unknown key {}", pathOf(name));
            }
        }
    }

    private JsonNode require(String key) throws ConfigException {
        final JsonNode value = node.get(key);
        if (value == null) {
            throw new ConfigException(pathOf(key), "missing");
        }
        return value;
    }

    private int toInt(String key, JsonNode value, int min, int max) throws ConfigException {
        if (!value.isIntegralNumber()) {
            throw new ConfigException(pathOf(key), "expected an integer, got " + describe(value));
        }
        final boolean inRange = value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max;
        if (!inRange) {
            throw new ConfigException(pathOf(key), "expected an integer in " + min + ".." + max
                    + ", got " + value.asText());
        }
        return value.intValue();
    }

    private String toText(String key, JsonNode value) throws ConfigException {
        if (!value.isTextual()) {
            throw new ConfigException(pathOf(key), "expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        final String kind = switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase();
        };
        final String text = value.isContainerNode() ? "" : " " + value.toString();
        return kind + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}

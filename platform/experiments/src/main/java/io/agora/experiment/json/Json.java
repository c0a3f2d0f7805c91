package io.agora.experiment.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agora.api.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that configures JSON and YAML: strict reading (duplicate keys and trailing content are
 * errors) and doubles written in their shortest round-trip form.
 */
public final class Json {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** The JSON mapper. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Parses JSON text.
     *
     * @param source what the text is, for the error (a file name or {@code stdin})
     * @throws InvalidInputException naming the source, line and column when the text is not JSON
     */
    public static JsonNode parseJson(String text, String source) {
        return parse(JSON, text, source, "JSON");
    }

    /** Parses YAML text (JSON is YAML too). */
    public static JsonNode parseYaml(String text, String source) {
        return parse(YAML, text, source, "YAML");
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String source, String format) {
        if (text.isBlank()) {
            throw new InvalidInputException(source, "is empty, expected a " + format + " document");
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(source, "is empty, expected a " + format + " document");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            // Parser messages may span lines (YAML quotes the offending snippet); the CLI prints one line.
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").trim();
            throw new InvalidInputException(source, "malformed " + format + where + ": " + reason);
        }
    }

    /** Writes a tree as indented JSON. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A JSON value as plain Java: maps, lists, strings, booleans, longs for integers and doubles otherwise. */
    public static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toJava(n)));
            return list;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return node.asText();
    }
}

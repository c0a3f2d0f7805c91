package io.agora.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of request bodies, as the API documents them: unknown fields, duplicate keys, nulls for numbers,
 * numbers written as strings, fractions where whole numbers are expected and trailing tokens are all errors. Every
 * error names the field at fault (as a JSON path such as {@code rewards[2]}) and says what was expected in JSON's
 * terms (a number, a whole number, a string, an array, an object), never a Java type.
 */
public final class WireJson {
    private static final ObjectMapper STRICT = strict();

    private WireJson() {
    }

    private static ObjectMapper strict() {
        // Modules by name, not found on the class path: Pekko brings jackson-module-scala, which read a JSON array in an
        // untyped place (a mechanism's number-list parameter) as a Scala list, and every such parameter was refused.
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .addModule(new com.fasterxml.jackson.module.paramnames.ParameterNamesModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        // "0.5" for a number, 3 for a string, 1 for true: the API takes each value only in its own JSON type.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The mapper (also for writing canonical forms). */
    public static ObjectMapper mapper() {
        return STRICT;
    }

    /** Reads {@code body} as {@code type}, or throws a 400 problem naming the field. */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        T value;
        try {
            value = STRICT.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest(path(e), "unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            throw ProblemException.badRequest(path(e), mismatch(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw ProblemException.badRequest(path(e), "must be a whole number between "
                        + (e.getCause().getMessage().contains("of long") ? "-2^63 and 2^63 - 1" : "-2147483648 and 2147483647"));
            }
            if (e.getCause() instanceof StreamConstraintsException) {
                throw ProblemException.badRequest(path(e), "over the parser's limits (numbers of at most 1000 digits, "
                        + "nesting at most 1000 deep)");
            }
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (detail.contains("Non-standard token")) {
                throw ProblemException.badRequest(path(e), "must be a finite number (JSON has no NaN or Infinity)");
            }
            if (detail.contains("end-of-input")) {
                throw ProblemException.badRequest(path(e), "malformed JSON: the body ends too early");
            }
            throw ProblemException.badRequest(path(e), "malformed JSON" + at(e.getLocation()));
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("body", "over the parser's limits (numbers of at most 1000 digits, "
                    + "strings of at most 20,000,000 characters, nesting at most 1000 deep)");
        } catch (StreamReadException e) {
            String detail = e.getOriginalMessage();
            if (detail != null && detail.startsWith("Duplicate field")) {
                throw ProblemException.badRequest(duplicateField(detail), "appears twice; each field may appear once");
            }
            if (detail != null && detail.contains("Non-standard token")) {
                throw ProblemException.badRequest(where(e), "must be a finite number (JSON has no NaN or Infinity)" + at(e.getLocation()));
            }
            throw ProblemException.badRequest(where(e), "malformed JSON" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "malformed JSON" + at(e.getLocation()));
        }
        if (value == null) {
            throw ProblemException.badRequest("body", "must be a JSON object, not null");
        }
        return value;
    }

    /** The canonical JSON of {@code value}. */
    public static String write(Object value) {
        try {
            return STRICT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a mismatched value should have been, in JSON's terms. */
    private static String mismatch(MismatchedInputException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("Non-standard token") || message.contains("NaN") || message.contains("Infinity")) {
            return "must be a finite number (JSON has no NaN or Infinity)";
        }
        if (message.contains("end-of-input")) {
            return "malformed JSON: the body ends too early";
        }
        Class<?> target = e.getTargetType();
        List<JsonMappingException.Reference> path = e.getPath();
        if (target != null && target.isArray() && !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0) {
            target = target.getComponentType(); // a primitive array names itself, not the element that was wrong
        }
        String expected = expected(target);
        if (target != null && (target == double.class || target == Double.class || target == float.class || target == Float.class)) {
            return "must be a finite number (a JSON number, not a string)";
        }
        return "must be " + expected;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a value of the documented type";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class || target == short.class) {
            return "a whole number (a JSON number without a fraction)";
        }
        if (target == double.class || target == Double.class || target == float.class || target == Float.class) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == String.class || target.isEnum()) {
            return "a string";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        return "a value of the documented type";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String duplicateField(String message) {
        int start = message.indexOf('\'');
        int end = message.indexOf('\'', start + 1);
        return start >= 0 && end > start ? message.substring(start + 1, end) : "body";
    }

    /**
     * Where the parser was when the text stopped being JSON, as a field path ({@code rewards[1]}): when a body is read as
     * a tree there is no bound type to name it, but the parser still knows its place.
     */
    private static String where(StreamReadException e) {
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser == null) {
            return "body";
        }
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "body" : path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }
}

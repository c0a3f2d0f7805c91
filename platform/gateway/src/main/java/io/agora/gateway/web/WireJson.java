package io.agora.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Strict reading of request bodies: unknown fields, nulls for numbers and trailing tokens are errors, and every
 * error names the field at fault (as a JSON path such as {@code rewards[2]}).
 */
public final class WireJson {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private WireJson() {
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
        try {
            return STRICT.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest(path(e), "unknown field '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            if (e.getOriginalMessage().contains("Non-standard token")) {
                throw ProblemException.badRequest(path(e), "must be a finite number (JSON has no NaN or Infinity)");
            }
            String prefix = e.getOriginalMessage().contains("end-of-input") ? "malformed JSON: " : "";
            throw ProblemException.badRequest(path(e), prefix + e.getOriginalMessage());
        } catch (StreamReadException e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The canonical JSON of {@code value}. */
    public static String write(Object value) {
        try {
            return STRICT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

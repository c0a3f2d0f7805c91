package io.agora.runtime.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.api.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models a host serves besides every installed kind under its own id, read from a JSON file:
 * <pre>
 * {"models": [{"name": "llama", "provider": "openai-compatible",
 *              "params": {"url": "http://127.0.0.1:8080", "model": "llama3", "server": "llama-cpp"}}]}
 * </pre>
 * Errors name the field and the file ({@code models[0].provider: required: a string (in models.json)}).
 */
public final class ModelsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    /** A models file is small; a bigger one is a mistake (a wrong path), refused before it is read. */
    private static final long MAX_BYTES = 1 << 20;

    private ModelsFile() {
    }

    /** The configured models of {@code file}. */
    public static List<ModelRegistry.ModelConfig> read(Path file) {
        String source = file.getFileName().toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(source, "a models file is at most 1 MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read: " + e.getMessage());
        }
        try {
            return parse(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "is not JSON: " + e.getOriginalMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.rule() + " (in " + source + ")");
        }
    }

    static List<ModelRegistry.ModelConfig> parse(JsonNode root) {
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new InvalidInputException("models", "required: a list of {name, provider, params}");
        }
        List<ModelRegistry.ModelConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            String at = "models[" + i + "]";
            if (!m.isObject()) {
                throw new InvalidInputException(at, "must be an object with name, provider and params");
            }
            String name = text(m, "name", at);
            String provider = text(m, "provider", at);
            JsonNode params = m.get("params");
            if (params != null && !params.isObject()) {
                throw new InvalidInputException(at + ".params", "must be an object");
            }
            Map<String, Object> values = params == null ? Map.of() : JSON.convertValue(params, LinkedHashMap.class);
            if (!names.add(name)) {
                throw new InvalidInputException(at + ".name", "'" + name + "' is configured twice");
            }
            try {
                out.add(new ModelRegistry.ModelConfig(name, provider, values));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + ".name", e.rule());
            }
        }
        return out;
    }

    private static String text(JsonNode m, String field, String at) {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInputException(at + "." + field, "required: a string");
        }
        return v.asText();
    }
}

package io.agora.plugins.openai;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.api.lm.ModelContext;
import org.pf4j.Extension;

import java.net.URI;
import java.time.Duration;

/** The {@code openai-compatible} language models: a server users already run, reached over HTTP. */
@Extension
public final class OpenAiProvider implements LanguageModelProvider {

    @Override
    public String id() {
        return "openai-compatible";
    }

    @Override
    public String description() {
        return "a model behind an OpenAI-compatible completions API: vLLM samples and scores; llama.cpp's server and Ollama only sample";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.text("url", "http://127.0.0.1:8000", "the server's base URL (http or https); requests go to /v1/completions"),
                Parameter.text("model", "", "the model name the server serves (required)"),
                Parameter.choice("server", "vllm", Server.ids(), "the kind of server: vllm (samples and scores), llama-cpp or ollama (sample only)"),
                Parameter.integer("timeoutMillis", 30_000, 100L, 600_000L, "the longest wait for one answer"),
                Parameter.integer("retries", 2, 0L, 10L, "retries after no connection, a timeout, 429 or 5xx (back-off 0.1 s, doubling)"),
                Parameter.text("apiKeyEnv", "", "the environment variable holding the API key sent as a bearer token; empty: none"));
    }

    @Override
    public LanguageModel open(Parameters params, ModelContext context) {
        String url = params.text("url");
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("params.url", "not a URL: " + url);
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new InvalidInputException("params.url", "must be an http or https URL with a host, got " + url);
        }
        String model = params.text("model");
        if (model.isBlank()) {
            throw new InvalidInputException("params.model", "required: the name of the model the server serves");
        }
        String keyEnv = params.text("apiKeyEnv");
        String key = "";
        if (!keyEnv.isEmpty()) {
            key = System.getenv(keyEnv);
            if (key == null || key.isEmpty()) {
                throw new InvalidInputException("params.apiKeyEnv", "the environment variable " + keyEnv + " is not set");
            }
        }
        CompletionsClient client = new CompletionsClient(model, base, Duration.ofMillis(params.integer("timeoutMillis")),
                (int) params.integer("retries"), key);
        return new OpenAiModel(context.name(), model, Server.of(params.choice("server")), client);
    }
}

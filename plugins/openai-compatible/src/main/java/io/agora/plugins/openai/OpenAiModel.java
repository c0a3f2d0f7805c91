package io.agora.plugins.openai;

import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.ModelUnavailableException;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model served by an OpenAI-compatible server, through its completions endpoint ({@code POST /v1/completions}).
 * Sampling asks for log-probabilities ({@code logprobs: 1}) and sums them over the reply's tokens. Scoring a given
 * reply needs a server that echoes the prompt's log-probabilities ({@code echo: true, max_tokens: 1}): vLLM does;
 * llama.cpp's server and Ollama do not, so for them {@link #score} says so instead of guessing. Safe for any thread.
 */
final class OpenAiModel implements LanguageModel {
    private final String name;
    private final String model;
    private final Server server;
    private final CompletionsClient client;

    OpenAiModel(String name, String model, Server server, CompletionsClient client) {
        this.name = name;
        this.model = model;
        this.server = server;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(server.scores(), false, false);
    }

    @Override
    public List<List<Completion>> sample(List<SampleRequest> requests) {
        List<List<Completion>> out = new ArrayList<>(requests.size());
        for (SampleRequest r : requests) {
            List<Completion> drawn = new ArrayList<>(r.count());
            // vLLM draws n replies in one call; the others are asked once per reply, each with its own seed.
            int calls = server.manyPerCall() ? 1 : r.count();
            for (int c = 0; c < calls; c++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("model", model);
                body.put("prompt", r.prompt());
                body.put("max_tokens", r.maxTokens());
                body.put("temperature", r.temperature());
                body.put("seed", r.seed() + c);
                body.put("n", calls == 1 ? r.count() : 1);
                body.put("logprobs", 1);
                for (Object choice : list(client.complete(body), "choices")) {
                    drawn.add(completion(map(choice, "choices[]")));
                }
            }
            if (drawn.size() != r.count()) {
                throw new ModelUnavailableException("model '" + name + "' at " + client.url() + " returned " + drawn.size()
                        + " replies, " + r.count() + " were asked for", null);
            }
            out.add(List.copyOf(drawn));
        }
        return out;
    }

    private Completion completion(Map<String, Object> choice) {
        String text = String.valueOf(choice.getOrDefault("text", ""));
        Object logprobs = choice.get("logprobs");
        if (!(logprobs instanceof Map<?, ?> lp) || !(lp.get("token_logprobs") instanceof List<?> tokens)) {
            return new Completion(text, Double.NaN, 0); // a server that returns no log-probabilities
        }
        double sum = 0;
        for (Object t : tokens) {
            sum += t instanceof Double d ? d : 0;
        }
        return new Completion(text, Math.min(0, sum), tokens.size());
    }

    @Override
    public double[] score(List<PromptReply> replies) {
        if (!server.scores()) {
            throw new UnsupportedOperationException("model '" + name + "' (" + server.id() + " at " + client.url() + ") cannot score a given "
                    + "reply: " + server.id() + " does not return the log-probabilities of the prompt; serve the model with vLLM for this");
        }
        double[] out = new double[replies.size()];
        for (int i = 0; i < out.length; i++) {
            PromptReply pr = replies.get(i);
            String full = pr.prompt() + pr.reply();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", model);
            body.put("prompt", full);
            body.put("max_tokens", 1);
            body.put("temperature", 0.0);
            body.put("echo", true);
            body.put("logprobs", 1);
            Map<String, Object> choice = map(list(client.complete(body), "choices").get(0), "choices[0]");
            Map<String, Object> lp = map(choice.get("logprobs"), "choices[0].logprobs");
            List<Object> logProbs = list(lp, "token_logprobs");
            List<Object> offsets = list(lp, "text_offset");
            // The reply's tokens are those that start inside it; the one generated token starts at its end.
            double sum = 0;
            for (int t = 0; t < offsets.size(); t++) {
                double offset = (Double) offsets.get(t);
                if (offset >= pr.prompt().length() && offset < full.length()) {
                    if (!(logProbs.get(t) instanceof Double d)) {
                        throw unexpected("no log-probability for a token of the reply");
                    }
                    sum += d;
                }
            }
            out[i] = sum;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String where) {
        if (!(v instanceof Map<?, ?>)) {
            throw unexpected(where + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof List<?>)) {
            throw unexpected("'" + key + "' is missing or not a list");
        }
        return (List<Object>) m.get(key);
    }

    private ModelUnavailableException unexpected(String what) {
        return new ModelUnavailableException("model '" + name + "' at " + client.url() + " answered in an unexpected form: " + what, null);
    }
}

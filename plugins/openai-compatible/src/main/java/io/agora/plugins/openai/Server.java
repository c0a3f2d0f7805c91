package io.agora.plugins.openai;

import java.util.List;

/** The kinds of OpenAI-compatible server, and what each can do. */
enum Server {
    VLLM("vllm", true, true),
    LLAMA_CPP("llama-cpp", false, false),
    OLLAMA("ollama", false, false);

    private final String id;
    private final boolean scores;
    private final boolean manyPerCall;

    Server(String id, boolean scores, boolean manyPerCall) {
        this.id = id;
        this.scores = scores;
        this.manyPerCall = manyPerCall;
    }

    String id() {
        return id;
    }

    /** Whether it returns the log-probabilities of an echoed prompt, which scoring a given reply needs. */
    boolean scores() {
        return scores;
    }

    /** Whether one call draws several replies ({@code n}). */
    boolean manyPerCall() {
        return manyPerCall;
    }

    static List<String> ids() {
        return List.of("vllm", "llama-cpp", "ollama");
    }

    static Server of(String id) {
        for (Server s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException(id);
    }
}

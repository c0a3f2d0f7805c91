package io.agora.plugins.openai;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.ModelContext;
import io.agora.api.lm.ModelUnavailableException;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The openai-compatible model against a server that speaks the protocol inside the test (see FakeCompletionsServer). */
class OpenAiModelTest {
    private static final OpenAiProvider PROVIDER = new OpenAiProvider();
    private FakeCompletionsServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeCompletionsServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LanguageModel open(Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(Map.of("url", server.url(), "model", "tiny", "timeoutMillis", 2000));
        params.putAll(extra);
        return PROVIDER.open(PROVIDER.parameters().validate(params), new ModelContext("remote", Path.of("."), 0));
    }

    @Test
    void vllmSamplesManyRepliesInOneCallWithTheirLogProbabilities() {
        List<Completion> drawn = open(Map.of()).sample(List.of(new SampleRequest("Say hi:", 3, 7, 0.8, 16))).get(0);
        assertThat(drawn).extracting(Completion::text).containsExactly(" reply-7-0", " reply-7-1", " reply-7-2");
        assertThat(drawn.get(0).logProb()).isEqualTo(-0.75);
        assertThat(drawn.get(0).tokens()).isEqualTo(2);
        assertThat(server.requests).hasSize(1);
        Map<String, Object> sent = server.requests.get(0);
        assertThat(sent).containsEntry("model", "tiny").containsEntry("n", 3.0).containsEntry("logprobs", 1.0)
                .containsEntry("max_tokens", 16.0).containsEntry("temperature", 0.8).containsEntry("seed", 7.0);
    }

    @Test
    void vllmScoresAGivenReplyAsTheSumOverItsOwnTokens() {
        LanguageModel model = open(Map.of());
        assertThat(model.capabilities().score()).isTrue();
        // "Say hi: " is the prompt; the reply's tokens "hello " and "there" have −0.5 each; the generated "!" is not counted.
        double[] scores = model.score(List.of(new PromptReply("Say hi: ", "hello there"), new PromptReply("Q: ", "no")));
        assertThat(scores[0]).isCloseTo(-1.0, within(1e-12));
        assertThat(scores[1]).isCloseTo(-0.2, within(1e-12));
        assertThat(server.requests.get(0)).containsEntry("echo", true).containsEntry("max_tokens", 1.0).containsEntry("prompt", "Say hi: hello there");
    }

    @Test
    void sampleOnlyServersSayTheyCannotScoreAndAreAskedOncePerReply() {
        LanguageModel llama = open(Map.of("server", "llama-cpp"));
        assertThat(llama.capabilities().score()).isFalse();
        assertThatThrownBy(() -> llama.score(List.of(new PromptReply("a", "b")))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("llama-cpp").hasMessageContaining("cannot score a given reply").hasMessageContaining("vLLM");
        assertThat(llama.sample(List.of(SampleRequest.of("a", 2, 5))).get(0)).extracting(Completion::text).containsExactly(" reply-5-0", " reply-6-0");
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aBusyServerIsAskedAgainAndThenGivenUpOnWithTheReason() {
        server.unavailable.set(2);
        assertThat(open(Map.of("retries", 2)).sample(List.of(SampleRequest.of("a", 1, 1))).get(0)).hasSize(1);
        assertThat(server.requests).hasSize(3);
        server.unavailable.set(5);
        assertThatThrownBy(() -> open(Map.of("retries", 1)).sample(List.of(SampleRequest.of("a", 1, 1))))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("answered HTTP 503: busy (after 2 attempts)");
    }

    @Test
    void aRefusalCarriesTheServersMessageAndIsNotRetried() {
        server.refuse = "The model `tiny` does not exist.";
        int before = server.requests.size();
        assertThatThrownBy(() -> open(Map.of("retries", 3)).sample(List.of(SampleRequest.of("a", 1, 1))))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessage("model 'tiny' at " + server.url() + "/v1/completions answered HTTP 400: The model `tiny` does not exist.");
        assertThat(server.requests.size() - before).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsNamed() {
        LanguageModel model = open(Map.of("retries", 0));
        server.close();
        assertThatThrownBy(() -> model.sample(List.of(SampleRequest.of("a", 1, 1)))).isInstanceOf(ModelUnavailableException.class)
                .hasMessageStartingWith("model 'tiny' at " + server.url() + "/v1/completions cannot be reached");
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> open(Map.of("url", "ftp://host"))).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("params.url:");
        assertThatThrownBy(() -> open(Map.of("model", " "))).hasMessageStartingWith("params.model: required");
        assertThatThrownBy(() -> open(Map.of("apiKeyEnv", "AGORA_NO_SUCH_VARIABLE"))).hasMessageStartingWith("params.apiKeyEnv:");
    }

    @Test
    void jsonRoundTripsWhatTheProtocolUses() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("s", "a \"quoted\"\nline\\ é \u0001");
        doc.put("n", List.of(1.5, -2.0, 3e-7));
        doc.put("b", true);
        doc.put("z", null);
        assertThat(Json.parse(Json.write(doc))).isEqualTo(doc);
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("character 6");
    }
}

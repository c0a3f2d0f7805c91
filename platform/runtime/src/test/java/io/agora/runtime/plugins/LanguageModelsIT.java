package io.agora.runtime.plugins;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.SampleRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in catalog model, loaded from its plugin jar, as a mechanism reaches it through its context. */
class LanguageModelsIT {
    @TempDir
    Path models;

    @Test
    void aMechanismReachesTheCatalogModelThroughItsContext() {
        try (PluginHost host = PluginHost.load(PluginHost.defaultFolder())) {
            assertThat(host.models()).containsKey("catalog");
            LanguageModels served = host.context("m-1", 7).service(LanguageModels.class).orElseThrow();
            LanguageModel catalog = served.model("catalog", "params.model");
            assertThat(catalog.capabilities().score()).isTrue();
            String prompt = catalog.prompts().get(0);
            Completion drawn = catalog.sample(List.of(SampleRequest.of(prompt, 1, 3))).get(0).get(0);
            assertThat(catalog.score(List.of(new PromptReply(prompt, drawn.text())))[0]).isEqualTo(drawn.logProb());
            assertThat(served.model("catalog", "params.model")).isSameAs(catalog); // opened once
            assertThatThrownBy(() -> served.model("gpt-9", "params.model")).isInstanceOf(InvalidInputException.class)
                    .hasMessage("params.model: no language model 'gpt-9'; this host serves: catalog, openai-compatible, torch");
        }
    }

    @Test
    void aModelsFileConfiguresModelsAndItsErrorsNameTheFieldAndTheFile() throws Exception {
        Path file = models.resolve("models.json");
        java.nio.file.Files.writeString(file, "{\"models\": [{\"name\": \"bandit\", \"provider\": \"catalog\", \"params\": {\"features\": \"tabular\"}}]}");
        List<ModelRegistry.ModelConfig> read = ModelsFile.read(file);
        assertThat(read).containsExactly(new ModelRegistry.ModelConfig("bandit", "catalog", Map.of("features", "tabular")));
        java.nio.file.Files.writeString(file, "{\"models\": [{\"name\": \"a\"}]}");
        assertThatThrownBy(() -> ModelsFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage("models[0].provider: required: a string (in models.json)");
        java.nio.file.Files.writeString(file, "{\"models\": [");
        assertThatThrownBy(() -> ModelsFile.read(file)).hasMessageStartingWith("models.json: is not JSON:");
        java.nio.file.Files.writeString(file, "{\"models\": [{\"name\": \"Bad Name\", \"provider\": \"catalog\"}]}");
        assertThatThrownBy(() -> ModelsFile.read(file)).hasMessageStartingWith("models[0].name: must be lower case");
    }

    @Test
    void aConfiguredModelWithBadParametersIsRefusedNamingTheParameter() {
        try (PluginHost host = PluginHost.load(PluginHost.defaultFolder())) {
            ModelRegistry registry = new ModelRegistry(host.models(), List.of(
                    new ModelRegistry.ModelConfig("tiny", "catalog", Map.of("dataset", models.resolve("missing.tsv").toString())),
                    new ModelRegistry.ModelConfig("table", "catalog", Map.of("features", "tabular"))), models);
            assertThat(registry.names()).containsExactly("catalog", "openai-compatible", "table", "tiny", "torch");
            assertThat(registry.model("table", "params.model").capabilities().trainable()).isTrue();
            assertThatThrownBy(() -> registry.model("tiny", "params.model")).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("models.tiny.params.dataset: cannot read");
            assertThatThrownBy(() -> new ModelRegistry(host.models(), List.of(new ModelRegistry.ModelConfig("x", "vllm", Map.of())), models))
                    .hasMessageStartingWith("models.x.provider: unknown language model 'vllm'");
            // A kind served under its own id with defaults that cannot open says which parameter it needs.
            assertThatThrownBy(() -> registry.model("openai-compatible", "params.model"))
                    .hasMessage("models.openai-compatible.params.model: required: the name of the model the server serves");
            // The neural model before it is pre-trained: refused before PyTorch even starts, with the command to run.
            assertThatThrownBy(() -> registry.model("torch", "params.model")).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("models.torch.params.weights: no pre-trained weights at ")
                    .hasMessageContaining("agora models pretrain --model torch");
        }
    }
}

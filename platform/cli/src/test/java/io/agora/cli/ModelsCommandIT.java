package io.agora.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code agora models pretrain} through the real torch plugin (loaded by PF4J from its folder, PyTorch and all): a
 * tiny transformer pre-trains on the catalog, writes its weights where the model reads them, and then serves.
 */
class ModelsCommandIT {
    @TempDir
    Path out;

    @Test
    void aTinyTransformerPreTrainsOnTheCatalogAndThenServesItsWeights() throws Exception {
        String name = "torch-it-" + System.nanoTime();
        Path models = out.resolve("models.json");
        Files.writeString(models, "{\"models\": [{\"name\": \"" + name + "\", \"provider\": \"torch\", \"params\": "
                + "{\"layers\": 1, \"heads\": 2, \"width\": 16, \"context\": 420, \"promptTokens\": 72}}]}");

        Cli.Run before = Cli.process("bench", "--models", models.toString(), "--scenario", "model", "--model", name, "--runs", "1", "--warmup", "0");
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.stderr()).contains("models." + name + ".params.weights: no pre-trained weights at")
                .contains("agora models pretrain --model " + name);

        Cli.Run pretrain = Cli.process("models", "pretrain", "--models", models.toString(), "--model", name, "--steps", "4", "--batch", "2",
                "--every", "2", "--out", out.resolve("curve").toString());
        assertThat(pretrain.code()).as(pretrain.stderr()).isZero();
        assertThat(pretrain.stderr()).contains("step 2/4").contains("step 4/4").contains("wrote ");
        assertThat(pretrain.stdout()).contains(name + " pre-trained: loss");
        assertThat(out.resolve("curve/plots/loss.png")).exists();
        assertThat(Files.readString(out.resolve("curve/metrics.csv"))).startsWith("step,loss\n1,");
        assertThat(Files.readString(out.resolve("curve/summary.json"))).contains("\"crossEntropy\"").contains("\"tokensPerSecond\"");

        Cli.Run after = Cli.process("bench", "--models", models.toString(), "--scenario", "model", "--model", name, "--runs", "1", "--warmup", "0");
        assertThat(after.code()).as(after.stderr()).isZero();
        assertThat(after.stdout()).contains("\"sampleMicrosPerReply\"").contains("\"dpoStepMillis\"");
    }

    @Test
    void aModelWithoutWeightsCannotBePreTrainedAndBadOptionsAreNamed() {
        Cli.Run catalog = Cli.run("models", "pretrain", "--model", "catalog", "--steps", "1", "--out", out.toString());
        assertThat(catalog.code()).isEqualTo(2);
        assertThat(catalog.stderr()).contains("--model: model 'catalog' (a catalog model) has no parameter 'weights'");
        Cli.Run steps = Cli.run("models", "pretrain", "--steps", "0", "--out", out.toString());
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.stderr()).contains("--steps: must be >= 1, got 0");
        Cli.Run batch = Cli.run("models", "pretrain", "--batch", "0", "--out", out.toString());
        assertThat(batch.code()).isEqualTo(2);
        assertThat(batch.stderr()).contains("--batch: must be in [1, 4096], got 0");
        Cli.Run rate = Cli.run("models", "pretrain", "--learning-rate", "-1", "--out", out.toString());
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.stderr()).contains("--learning-rate: must be a finite number greater than 0, got -1.0");
    }
}

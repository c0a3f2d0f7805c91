package io.agora.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code agora reproduce}: a P5 reproduction through the real plugins, and its bad input. */
class ReproduceCommandIT {
    @TempDir
    Path out;

    @Test
    void theBanditReproductionWritesItsSummaryTableAndPlotTheSameForTheSameSeed() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p5-bandit", "--out", out.resolve("a").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("p5-bandit: type accuracy 1.000");
        assertThat(out.resolve("a/plots/log-likelihood.png")).exists();
        assertThat(Files.readString(out.resolve("a/metrics.csv"))).startsWith("emStep,logLikelihood\n1,");
        Cli.run("reproduce", "p5-bandit", "--out", out.resolve("b").toString());
        assertThat(Files.readString(out.resolve("b/summary.json"))).isEqualTo(Files.readString(out.resolve("a/summary.json")));
    }

    @Test
    void theP2RegretReproductionFitsTheSlopeOfEachAggregator() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p2-regret", "--seeds", "2", "--out", out.resolve("p2").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("p2-regret: log-log slope of mean regret over T = 250..16000: online weights");
        String summary = Files.readString(out.resolve("p2/summary.json"));
        assertThat(summary).contains("\"logLogSlope\"").contains("\"weighted\"").contains("\"average\"").contains("\"median\"");
        assertThat(out.resolve("p2/plots/regret.png")).exists();
        assertThat(Files.readString(out.resolve("p2/metrics.csv"))).startsWith("aggregator,T,meanRegret,sdRegret,weightOfMostAccurate\nweighted,250,");
    }

    @Test
    void softLabelsFromOnlineWeightsTrainABetterPolicyThanTheAverage() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p2-training", "--seeds", "1", "--out", out.resolve("p2t").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode rates = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("p2t/summary.json").toFile()).get("winRateAgainstReference");
        assertThat(rates.get("weighted").get("mean").asDouble()).isGreaterThan(rates.get("average").get("mean").asDouble()).isGreaterThan(0.5);
        assertThat(rates.get("gold").get("mean").asDouble()).isGreaterThan(rates.get("weighted").get("mean").asDouble());
    }

    @Test
    void theAuctionBuysABetterPolicyPerDollarThanAFlatRate() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p4-budget", "--seeds", "2", "--out", out.resolve("p4").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("p4/summary.json").toFile()).get("byBudget");
        // Rows: auction-dpo, auction-qa-dpo, flat-rate; for each the budgets 4 ... 256 (7 of them).
        for (int b = 0; b < 7; b++) {
            assertThat(rows.get(b).get("spent").asDouble()).isLessThanOrEqualTo(rows.get(b).get("budget").asDouble());
            assertThat(rows.get(14 + b).get("spent").asDouble()).isLessThanOrEqualTo(rows.get(14 + b).get("budget").asDouble());
        }
        assertThat(rows.get(6).get("winRate").asDouble()).isGreaterThan(rows.get(20).get("winRate").asDouble())
                .isGreaterThan(rows.get(0).get("winRate").asDouble());
        assertThat(rows.get(6).get("distinctReplyShare").asDouble()).isGreaterThan(rows.get(20).get("distinctReplyShare").asDouble());
        assertThat(out.resolve("p4/plots/win-rate-by-spend.png")).exists();
        // The pairs the auction bought, one JSON object per line, as a DPO trainer reads them.
        List<String> lines = Files.readAllLines(out.resolve("p4/dataset.jsonl"));
        assertThat(lines).isNotEmpty();
        com.fasterxml.jackson.databind.JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("prompt").asText()).isNotEmpty();
        assertThat(first.get("chosen").asText()).isNotEqualTo(first.get("rejected").asText());
        assertThat(first.get("weight").asDouble()).isBetween(0.5, 1.5);
    }

    @Test
    void mosaicApproachesTheOptimumAsCandidatesGrowAndFasterWithAContextAwareGenerator() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p3-objective", "--out", out.resolve("p3").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("p3/summary.json").toFile()).get("gapToOptimum");
        // Rows: τ 0.5, 1, 2; for each the reference generator then the context-aware one; M = 1, 2, 5, 10, 20, 50, 100.
        double[] reference = new double[7];
        for (int k = 0; k < 7; k++) {
            reference[k] = rows.get(14 + k).get("gap").asDouble();
            assertThat(rows.get(14 + k).get("revenue").asDouble()).isGreaterThanOrEqualTo(0);
        }
        assertThat(reference[0]).isGreaterThan(reference[2]).isGreaterThan(reference[4]).isGreaterThan(reference[6]);
        assertThat(reference[6]).isLessThan(0.01);
        assertThat(rows.get(21).get("gap").asDouble()).as("context-aware at M = 1").isLessThan(reference[0]);
        assertThat(out.resolve("p3/plots/objective-gap.png")).exists();
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("p3/summary.json").toFile());
        assertThat(summary.get("auditMaxGain").asDouble()).isLessThan(1e-9);
        assertThat(summary.get("utilityIdentityMaxError").asDouble()).isLessThan(1e-12);
    }

    @Test
    void implicitRewardsOrderTheCandidatesLikeTheirAttributesAndStayTruthful() throws Exception {
        Cli.Run run = Cli.run("reproduce", "p3-implicit", "--out", out.resolve("p3i").toString());
        assertThat(run.code()).as(run.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("p3i/summary.json").toFile());
        assertThat(summary.get("rewards").asText()).isEqualTo("implicit");
        for (com.fasterxml.jackson.databind.JsonNode fit : summary.get("implicitRewardFit")) {
            assertThat(fit.get("orderAgreement").asDouble()).isGreaterThan(0.9);
        }
        assertThat(summary.get("auditMaxGain").asDouble()).isLessThan(1e-9);
    }

    @Test
    void unknownReproductionsAndBadOptionsAreNamed() {
        Cli.Run unknown = Cli.run("reproduce", "p9", "--out", out.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("NAME: must be p2-regret, p2-training, p3-objective, p3-implicit, p4-budget, p5-bandit, p5-identifiability, p5-regret or p5-strategic, got p9");
        Cli.Run seeds = Cli.run("reproduce", "p5-identifiability", "--seeds", "0", "--out", out.toString());
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.stderr()).contains("--seeds: must be in [1, 1000], got 0");
        Cli.Run rate = Cli.run("reproduce", "p5-regret", "--learning-rate", "0", "--out", out.toString());
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.stderr()).contains("--learning-rate: must be in (0, 1], got 0.0");
        Cli.Run steps = Cli.run("reproduce", "p5-regret", "--m-steps", "0", "--out", out.toString());
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.stderr()).contains("--m-steps: must be in [1, 1000], got 0");
        Cli.Run prompts = Cli.run("reproduce", "p5-regret", "--prompts", "-1", "--out", out.toString());
        assertThat(prompts.code()).isEqualTo(2);
        assertThat(prompts.stderr()).contains("--prompts: must be >= 0, got -1");
        Cli.Run model = Cli.run("reproduce", "p5-regret", "--model", "gpt-9", "--out", out.toString());
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.stderr()).contains("--model: no language model 'gpt-9'");
    }

    @Test
    void aModelsFileNamesModelsForEveryCommandAndItsErrorsAreNamed() throws Exception {
        Path file = out.resolve("models.json");
        Files.writeString(file, "{\"models\": [{\"name\": \"llama\", \"provider\": \"openai-compatible\"}]}");
        Cli.Run missing = Cli.run("reproduce", "p5-regret", "--models", file.toString(), "--model", "llama", "--out", out.resolve("r").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.stderr()).contains("models.llama.params.model: required: the name of the model the server serves");
        Files.writeString(file, "{\"models\": [{\"name\": \"llama\"}]}");
        Cli.Run broken = Cli.run("plugins", "--models", file.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.stderr()).contains("models[0].provider: required: a string (in models.json)");
    }
}

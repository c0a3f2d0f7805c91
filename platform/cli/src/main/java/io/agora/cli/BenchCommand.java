package io.agora.cli;

import io.agora.api.InvalidInputException;
import io.agora.api.Normalization;
import io.agora.api.lm.LanguageModel;
import io.agora.core.train.CandidateRestricted;
import io.agora.core.math.RowKernels;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.cli.bench.ClearingBench;
import io.agora.cli.bench.EmDpoBench;
import io.agora.cli.bench.FamilyBench;
import io.agora.cli.bench.HostedBench;
import io.agora.cli.bench.ModelBench;
import io.agora.experiment.json.Json;
import io.agora.runtime.plugins.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agora bench}: the platform's benchmarks, through the real plugins. The default scenario times one
 * KL SW-Max clearing with affine-maximizer payments; the hosted scenarios run markets of hosted agents on
 * the actor system. The last line is one JSON object with the median time, the peak heap and, where it
 * applies, rounds per second.
 */
@Command(name = "bench", description = "Benchmarks (see --scenario); the last line is one JSON object.")
final class BenchCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Option(names = "--scenario", defaultValue = "p1-kl-clearing",
            description = "p1-kl-clearing (one clearing), hosted-p1 (lockstep rounds of hosted agents on actors), "
                    + "large-round (one round of many hosted agents), agent-memory (heap per hosted agent) or model "
                    + "(a language model's sample and score cost per reply and a DPO step) or em-dpo (EM-DPO, 800 annotators x 32 "
                    + "preferences, K = 4, 5 EM steps, on the model), p3-mosaic (one MOSAIC clearing, 50 advertisers x 100 candidates), "
                    + "p4-auction (1,000 prompts x 10 suppliers cleared and priced) or p2-hosted (a hosted online-weighting experiment, "
                    + "10 labelers x 100,000 rounds); default ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--model", defaultValue = "catalog", description = "The language model of the model and em-dpo scenarios (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--candidates", defaultValue = "catalog", description = "The finite model whose prompts and candidate replies a "
            + "model without its own (torch) is measured and trained on (default ${DEFAULT-VALUE}).")
    String candidates;

    @Option(names = "--m-steps", defaultValue = "10", description = "em-dpo: optimizer steps per policy per M-step (default ${DEFAULT-VALUE}).")
    int mSteps;

    @Option(names = "--em-steps", defaultValue = "5", description = "em-dpo: EM iterations (default ${DEFAULT-VALUE}).")
    int emSteps;

    @Option(names = "--agents", description = "Number of agents n (default: 1000, hosted-p1 6, large-round 10000, agent-memory 100000, "
            + "p3-mosaic 50, p4-auction 10, p2-hosted 10).")
    Integer agents;

    @Option(names = "--outcomes", description = "Number of outcomes m (default: 100000, hosted-p1 10, large-round 1000, p3-mosaic 100); "
            + "p4-auction: prompts (default 1000); p2-hosted: rounds (default 100000).")
    Integer outcomes;

    @Option(names = "--normalization", defaultValue = "sum", description = "How the random rewards are normalized: sum or max (default ${DEFAULT-VALUE}).")
    String normalization;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random rewards (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", description = "Timed runs or batches (default 7; large-round 15).")
    Integer runsOption;

    @Option(names = "--warmup", description = "Untimed warm-up clearings or rounds (default 3; large-round 10).")
    Integer warmupOption;

    @Override
    public void run() {
        int n = agents != null ? agents : switch (scenario) {
            case "hosted-p1" -> 6;
            case "large-round" -> 10_000;
            case "agent-memory" -> 100_000;
            case "p3-mosaic" -> 50;
            case "p4-auction", "p2-hosted" -> 10;
            default -> 1000;
        };
        int m = outcomes != null ? outcomes : switch (scenario) {
            case "hosted-p1" -> 10;
            case "large-round", "p4-auction" -> 1000;
            case "p3-mosaic" -> 100;
            default -> 100_000;
        };
        if (n < 1) {
            throw new InvalidInputException("--agents", "must be >= 1, got " + n);
        }
        if (m < 2) {
            throw new InvalidInputException("--outcomes", "must be >= 2, got " + m);
        }
        int runs = runsOption != null ? runsOption : scenario.equals("large-round") ? 15 : 7;
        int warmup = warmupOption != null ? warmupOption : scenario.equals("large-round") ? 10 : 3;
        if (runs < 1 || warmup < 0) {
            throw new InvalidInputException(runs < 1 ? "--runs" : "--warmup", runs < 1 ? "must be >= 1" : "must be >= 0");
        }
        if (!normalization.equals("sum") && !normalization.equals("max")) {
            throw new InvalidInputException("--normalization", "must be sum or max, got " + normalization);
        }
        ObjectNode out = Json.mapper().createObjectNode().put("scenario", scenario);
        try (PluginHost host = parent.host()) {
            switch (scenario) {
                case "p1-kl-clearing" -> {
                    ClearingBench.Result r = ClearingBench.run(host, n, m, Normalization.of(normalization), seed, warmup, runs, parent.err);
                    out.put("agents", n).put("outcomes", m).put("normalization", normalization).put("seed", seed)
                            .put("runs", runs).put("medianSeconds", r.medianSeconds()).put("minSeconds", r.minSeconds())
                            .put("peakHeapBytes", r.peakHeapBytes()).put("rewardMatrixBytes", r.matrixBytes())
                            .put("peakHeapOverMatrix", (double) r.peakHeapBytes() / r.matrixBytes());
                }
                case "hosted-p1" -> {
                    HostedBench.Result r = HostedBench.rounds(host, n, m, seed, 50_000, runs, 100_000, parent.err);
                    out.put("agents", n).put("outcomes", m).put("roundsPerBatch", r.roundsPerBatch()).put("batches", runs)
                            .put("medianSeconds", r.medianSeconds()).put("roundsPerSecond", r.roundsPerSecond())
                            .put("peakHeapBytes", r.peakHeapBytes());
                }
                case "large-round" -> {
                    HostedBench.Result r = HostedBench.rounds(host, n, m, seed, warmup, runs, 1, parent.err);
                    out.put("agents", n).put("outcomes", m).put("runs", runs).put("medianSeconds", r.medianSeconds())
                            .put("roundsPerSecond", r.roundsPerSecond()).put("peakHeapBytes", r.peakHeapBytes());
                }
                case "agent-memory" -> out.put("agents", n).put("bytesPerAgent", HostedBench.bytesPerAgent(host, n));
                case "model" -> {
                    LanguageModel measured = host.languageModels().model(model, "--model");
                    LanguageModel corpus = CandidateRestricted.of(measured, host.languageModels().model(candidates, "--candidates"), "--candidates");
                    ModelBench.Result r = ModelBench.run(measured, corpus, 8, warmup, runs, parent.err);
                    out.put("model", model).put("prompts", r.prompts()).put("replies", r.replies()).put("runs", runs)
                            .put("sampleMicrosPerReply", r.sampleMicrosPerReply()).put("scoreMicrosPerReply", r.scoreMicrosPerReply())
                            .put("dpoStepMillis", r.dpoStepMillis()).put("dpoPairs", r.pairs());
                }
                case "em-dpo" -> {
                    if (mSteps < 1 || emSteps < 1) {
                        throw new InvalidInputException(mSteps < 1 ? "--m-steps" : "--em-steps", "must be >= 1, got " + Math.min(mSteps, emSteps));
                    }
                    LanguageModel trained = CandidateRestricted.of(host.languageModels().model(model, "--model"),
                            host.languageModels().model(candidates, "--candidates"), "--candidates");
                    EmDpoBench.Result r = EmDpoBench.run(trained, 800, 32, emSteps, mSteps, seed, parent.err);
                    out.put("model", model).put("annotators", r.annotators()).put("preferences", r.preferences()).put("types", 4)
                            .put("emSteps", emSteps).put("mSteps", r.mSteps()).put("seconds", r.seconds()).put("typeAccuracy", r.typeAccuracy());
                }
                case "p3-mosaic" -> out.put("advertisers", n).put("candidates", m).put("runs", runs)
                        .put("microsPerClearing", FamilyBench.mosaicMicros(host, n, m, seed, warmup, runs, parent.err));
                case "p4-auction" -> out.put("suppliers", n).put("prompts", m).put("runs", runs)
                        .put("medianSeconds", FamilyBench.auctionSeconds(host, m, n, seed, warmup, runs, parent.err));
                case "p2-hosted" -> {
                    int hostedRuns = runsOption != null ? runs : 3;
                    int hostedWarmup = warmupOption != null ? warmup : 1;
                    out.put("labelers", n).put("rounds", m).put("runs", hostedRuns)
                            .put("medianSeconds", FamilyBench.onlineWeightingSeconds(host, n, m, seed, hostedWarmup, hostedRuns, parent.err));
                }
                default -> throw new InvalidInputException("--scenario", "must be p1-kl-clearing, hosted-p1, large-round, agent-memory, model, em-dpo, "
                        + "p3-mosaic, p4-auction or p2-hosted, got " + scenario);
            }
        }
        out.put("threads", Runtime.getRuntime().availableProcessors()).put("simd", RowKernels.simd());
        parent.out.println(out.toString());
    }
}

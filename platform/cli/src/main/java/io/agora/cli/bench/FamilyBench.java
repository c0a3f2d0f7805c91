package io.agora.cli.bench;

import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.experiment.ExperimentConfigParser;
import io.agora.experiment.ExperimentRunner;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginHost;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmarks of the P2–P4 families through their installed plugins: one MOSAIC clearing (P3), a day of pair
 * auctions (P4, every round cleared and priced), and a hosted online-weighting experiment (P2, on the actor system).
 * Each reports the median of its timed runs after untimed warm-up runs, so the figures are the steady state.
 */
public final class FamilyBench {
    private FamilyBench() {
    }

    /** The median of {@code seconds}, sorted in place. */
    static double median(double[] seconds) {
        Arrays.sort(seconds);
        int k = seconds.length;
        return k % 2 == 1 ? seconds[k / 2] : (seconds[k / 2 - 1] + seconds[k / 2]) / 2;
    }

    /**
     * Microseconds per MOSAIC clearing of {@code n} advertisers' random rewards in [0, 1] over {@code m} candidates
     * (the candidates are given: generation is not timed), in batches of {@code perBatch} clearings.
     */
    public static double mosaicMicros(PluginHost host, int n, int m, long seed, int warmup, int runs, PrintStream log) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Report> reports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] r = new double[m];
            for (int j = 0; j < m; j++) {
                r[j] = random.nextDouble();
            }
            reports.add(Report.builder("a" + i).numbers(Report.REWARDS, r).build());
        }
        double[] p = new double[m];
        for (int j = 0; j < m; j++) {
            p[j] = 0.5 + random.nextDouble();
        }
        RoundInput round = new RoundInput(0, OutcomeSpace.of(m), Policy.ofProbabilities(p), reports);
        GuardedMechanism mosaic = GuardedMechanism.open(host.mechanism("mosaic", "mechanism"), Map.of("tau", 1.0), host.context("bench", seed));
        int perBatch = 2000;
        double[] seconds = new double[runs];
        for (int b = -warmup; b < runs; b++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < perBatch; k++) {
                mosaic.clear(round);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (b >= 0) {
                seconds[b] = s;
                log.printf("batch %d: %d clearings of %d advertisers x %d candidates in %.4f s%n", b + 1, perBatch, n, m, s);
            }
        }
        return median(seconds) / perBatch * 1e6;
    }

    /**
     * Seconds to clear and price {@code prompts} rounds of {@code suppliers} offers each (random asks in [0, 1]
     * and random replies among 8 candidates) through one vickrey-feedback market whose budget never runs out.
     */
    public static double auctionSeconds(PluginHost host, int prompts, int suppliers, long seed, int warmup, int runs, PrintStream log) {
        SplittableRandom random = new SplittableRandom(seed);
        OutcomeSpace replies = OutcomeSpace.of(8);
        List<RoundInput> rounds = new ArrayList<>(prompts);
        for (int r = 0; r < prompts; r++) {
            List<Report> offers = new ArrayList<>(suppliers);
            for (int k = 0; k < suppliers; k++) {
                offers.add(Report.builder("s" + k).text("reply", Integer.toString(random.nextInt(8))).number("bid", random.nextDouble()).build());
            }
            rounds.add(new RoundInput(r, replies, Policy.uniform(8), offers));
        }
        GuardedMechanism auction = GuardedMechanism.open(host.mechanism("vickrey-feedback", "mechanism"), Map.of("budget", 1e12),
                host.context("bench", seed));
        double[] seconds = new double[runs];
        for (int b = -warmup; b < runs; b++) {
            long t0 = System.nanoTime();
            for (RoundInput round : rounds) {
                for (Report offer : round.reports()) {
                    auction.validate(offer, replies);
                }
                auction.clear(round);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (b >= 0) {
                seconds[b] = s;
                log.printf("run %d: %d prompts x %d suppliers validated, cleared and priced in %.4f s%n", b + 1, prompts, suppliers, s);
            }
        }
        return median(seconds);
    }

    /**
     * Seconds for one hosted online-weighting experiment: {@code labelers} truthful labelers, {@code rounds} rounds,
     * one sample, on one lane (the whole platform path: types dealt by the mechanism, agents on actors, clearing,
     * values and the state update every round).
     */
    public static double onlineWeightingSeconds(PluginHost host, int labelers, int rounds, long seed, int warmup, int runs, PrintStream log) {
        String yaml = "name: p2-bench\nmechanism: online-weighting\noutcomes: 2\nsamples: 1\nrounds: " + rounds + "\nseed: " + seed
                + "\npopulation:\n  - name: labeler\n    count: " + labelers + "\n    strategy: truthful\n";
        var config = ExperimentConfigParser.parse(yaml, "bench");
        double[] seconds = new double[runs];
        for (int b = -warmup; b < runs; b++) {
            long t0 = System.nanoTime();
            try {
                ExperimentRunner.run(config, host, 1, done -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the benchmark was interrupted", e);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (b >= 0) {
                seconds[b] = s;
                log.printf("run %d: %d labelers x %d rounds in %.3f s%n", b + 1, labelers, rounds, s);
            }
        }
        return median(seconds);
    }
}

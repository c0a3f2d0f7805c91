package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import io.agora.core.math.LogSpace;
import io.agora.core.mosaic.Mosaic;
import io.agora.core.random.Seeds;
import io.agora.core.random.Tempered;
import io.agora.core.train.Ranking;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * P3: MOSAIC's objective against the number of candidates M, on a finite model (the catalog). Per prompt, the
 * reference {@code q} is the model's policy over its candidates; two advertisers reward brand mentions
 * ({@code 1.5 · [names a brand]}) and a friendly tone ({@code sentiment}). For each M, candidates are drawn with
 * replacement from a generator, MOSAIC picks the reply, and the reply's true law over the candidates is estimated by
 * averaging MOSAIC's {@code q} over {@value #DRAWS} candidate draws; {@code J(π) = E_π[R] − τ·KL(π ‖ q)} is
 * measured on that law, against the optimum {@code J* = τ·log Σ q·exp(R/τ)}. Generators: the reference, and a
 * context-aware one, {@code π_con ∝ q·exp(R/(2τ))} (the reference leaning halfway toward the advertisers' known
 * context [RECON]). On {@value #AUDITED} realized candidate sets per cell the incentive audit looks for a misreport that
 * beats the truth, and on every set the truthful utility is checked against {@code G(r) − G(r − r_i)}.
 */
final class P3Reproductions {
    private static final int[] M = {1, 2, 5, 10, 20, 50, 100};
    private static final double[] TAUS = {0.5, 1, 2};
    private static final int PROMPTS = 16;
    private static final int DRAWS = 2000;
    /** Realized candidate sets per prompt, M, τ and generator that the incentive audit checks. */
    private static final int AUDITED = 2;
    private static final int IMPLICIT_STEPS = 100;
    private static final ReportShape SHAPE = ReportShape.of(ReportComponent.rewards(Report.REWARDS, "an advertiser's reward per candidate",
            false, Normalization.NONE, 1e-9));

    private P3Reproductions() {
    }

    /**
     * @param implicit whether the advertisers report implicit rewards {@code log π_i − log π_ref} of a copy of the model
     *                 fine-tuned toward their attribute, instead of the attribute rewards themselves
     */
    static void objective(LanguageModel model, long seed, boolean implicit, Output out, PrintStream log) throws IOException {
        List<String> prompts = model.prompts().subList(0, Math.min(PROMPTS, model.prompts().size()));
        ObjectNode summary = out.summary().put("prompts", prompts.size()).put("draws", DRAWS)
                .put("rewards", implicit ? "implicit" : "attributes");
        Map<String, double[][]> rewards = implicit ? implicitRewards(model, prompts, seed, summary) : new HashMap<>();
        if (!implicit) {
            for (String prompt : prompts) {
                rewards.put(prompt, attributeRewards(model.candidates(prompt)));
            }
        }
        ArrayNode rows = summary.putArray("gapToOptimum");
        double maxAuditGain = 0;
        double maxIdentityError = 0;
        double[] x = Arrays.stream(M).mapToDouble(m -> m).toArray();
        List<Object> series = new ArrayList<>();
        for (double tau : TAUS) {
            for (String generator : new String[] {"reference", "context"}) {
                double[] gap = new double[M.length];
                for (int k = 0; k < M.length; k++) {
                    double gapSum = 0;
                    double value = 0;
                    double kl = 0;
                    double revenue = 0;
                    double audit = 0;
                    for (int p = 0; p < prompts.size(); p++) {
                        Cell c = cell(model, prompts.get(p), rewards.get(prompts.get(p)), M[k], tau, generator,
                                new SplittableRandom(Seeds.derive(seed, p, k, (long) (tau * 10))));
                        gapSum += c.optimum - c.objective;
                        value += c.value;
                        kl += c.kl;
                        revenue += c.revenue;
                        audit = Math.max(audit, c.auditGain);
                        maxAuditGain = Math.max(maxAuditGain, c.auditGain);
                        maxIdentityError = Math.max(maxIdentityError, c.identityError);
                    }
                    int n = prompts.size();
                    gap[k] = gapSum / n;
                    rows.addObject().put("tau", tau).put("generator", generator).put("M", M[k]).put("gap", gap[k])
                            .put("advertiserValue", value / n).put("klCost", tau * kl / n).put("revenue", revenue / n)
                            .put("auditMaxGain", audit);
                    out.row("tau", tau, "generator", generator, "M", M[k], "gap", gap[k], "advertiserValue", value / n,
                            "klCost", tau * kl / n, "revenue", revenue / n);
                }
                series.add("τ = " + tau + ", " + generator);
                series.add(x);
                series.add(gap);
            }
        }
        summary.put("auditedSetsPerCell", AUDITED).put("auditMaxGain", maxAuditGain).put("utilityIdentityMaxError", maxIdentityError);
        out.plotScaled("objective-gap", "MOSAIC: J* − J of the induced reply law, against M", "M (candidates)", "J* − J", true, false,
                series.toArray());
        String name = implicit ? "p3-implicit" : "p3-objective";
        log.printf(name + ": at tau 1, J* - J falls from %.3f (M = 1) to %.4f (M = 100) with the reference generator, "
                        + "and from %.3f to %.4f with the context-aware one%n",
                rows.get(14).get("gap").asDouble(), rows.get(20).get("gap").asDouble(), rows.get(21).get("gap").asDouble(),
                rows.get(27).get("gap").asDouble());
        log.printf(name + ": the audit on %d realized candidate sets per cell finds a largest gain of %.2e; "
                + "|u_i - (G(r) - G(r - r_i))| is at most %.2e over every set%n", AUDITED, maxAuditGain, maxIdentityError);
    }

    /** One prompt, M, τ and generator: the induced law's objective, the optimum, value, KL and revenue. */
    private record Cell(double objective, double optimum, double value, double kl, double revenue, double auditGain, double identityError) {
    }

    /** The two advertisers' attribute rewards over a prompt's candidates: naming a brand (1.5) and a friendly tone. */
    private static double[][] attributeRewards(List<Candidate> candidates) {
        double[][] r = new double[2][candidates.size()];
        for (int y = 0; y < candidates.size(); y++) {
            Candidate cand = candidates.get(y);
            r[0][y] = cand.attributes().keySet().stream().anyMatch(a -> a.startsWith("brand:")) ? 1.5 : 0;
            r[1][y] = cand.attribute("sentiment");
        }
        return r;
    }

    /**
     * Implicit rewards [RECON]: each advertiser's conditioned model {@code π_i} is a copy of the model fine-tuned by DPO
     * (β = 1, {@value #IMPLICIT_STEPS} Adam steps at 0.005) on every pair of a prompt's candidates that its attribute
     * reward orders, and it reports {@code r_i(y) = log π_i(y) − log π_ref(y)}: the reward DPO's policy implies.
     */
    private static Map<String, double[][]> implicitRewards(LanguageModel model, List<String> prompts, long seed, ObjectNode summary) {
        Map<String, double[][]> attributes = new HashMap<>();
        for (String prompt : prompts) {
            attributes.put(prompt, attributeRewards(model.candidates(prompt)));
        }
        Map<String, double[][]> out = new HashMap<>();
        for (String prompt : prompts) {
            out.put(prompt, new double[2][model.candidates(prompt).size()]);
        }
        ArrayNode fit = summary.putArray("implicitRewardFit");
        for (int i = 0; i < 2; i++) {
            List<Ranking> pairs = new ArrayList<>();
            for (String prompt : prompts) {
                List<Candidate> candidates = model.candidates(prompt);
                double[] r = attributes.get(prompt)[i];
                for (int a = 0; a < candidates.size(); a++) {
                    for (int b = 0; b < candidates.size(); b++) {
                        if (r[a] > r[b]) {
                            pairs.add(Ranking.pair(prompt, candidates.get(a).text(), candidates.get(b).text()));
                        }
                    }
                }
            }
            TrainablePolicy conditioned = Dpo.train(model, pairs, IMPLICIT_STEPS, 0.005, Seeds.derive(seed, 7, i));
            double agree = 0;
            double total = 0;
            double scale = 0;
            int entries = 0;
            for (String prompt : prompts) {
                List<PromptReply> items = model.candidates(prompt).stream().map(y -> new PromptReply(prompt, y.text())).toList();
                double[] pi = conditioned.score(items);
                double[] ref = model.score(items);
                double[] implicit = out.get(prompt)[i];
                for (int y = 0; y < implicit.length; y++) {
                    implicit[y] = pi[y] - ref[y];
                    scale += Math.abs(implicit[y]);
                    entries++;
                }
                double[] r = attributes.get(prompt)[i];
                for (int a = 0; a < r.length; a++) {
                    for (int b = 0; b < r.length; b++) {
                        if (r[a] > r[b]) {
                            total++;
                            agree += implicit[a] > implicit[b] ? 1 : 0;
                        }
                    }
                }
            }
            // How well the implicit reward orders what the attribute orders, and its size.
            fit.addObject().put("advertiser", i == 0 ? "brand" : "sentiment").put("pairs", pairs.size())
                    .put("orderAgreement", agree / Math.max(1, total)).put("meanAbsReward", scale / Math.max(1, entries));
        }
        return out;
    }

    private static Cell cell(LanguageModel model, String prompt, double[][] advertisers, int m, double tau, String generator,
                             SplittableRandom random) {
        List<Candidate> candidates = model.candidates(prompt);
        int c = candidates.size();
        double[] ref = model.score(candidates.stream().map(y -> new PromptReply(prompt, y.text())).toList());
        double[] rA = advertisers[0];
        double[] rB = advertisers[1];
        double[] total = new double[c];
        for (int y = 0; y < c; y++) {
            total[y] = rA[y] + rB[y];
        }
        double[] gen = new double[c];
        for (int y = 0; y < c; y++) {
            gen[y] = generator.equals("reference") ? ref[y] : ref[y] + total[y] / (2 * tau);
        }
        double norm = LogSpace.logSumExp(gen);
        for (int y = 0; y < c; y++) {
            gen[y] -= norm;
        }
        Tempered draw = new Tempered(gen, 1.0);
        double[] law = new double[c];
        double revenue = 0;
        double auditGain = 0;
        double identityError = 0;
        for (int d = 0; d < DRAWS; d++) {
            int[] picked = new int[m];
            double[] refLog = new double[m];
            double[] genLog = new double[m];
            double[][] rewards = new double[2][m];
            for (int j = 0; j < m; j++) {
                picked[j] = draw.draw(random);
                refLog[j] = ref[picked[j]];
                genLog[j] = gen[picked[j]];
                rewards[0][j] = rA[picked[j]];
                rewards[1][j] = rB[picked[j]];
            }
            Mosaic.Result r = Mosaic.clear(rewards, refLog, genLog, tau);
            for (int j = 0; j < m; j++) {
                law[picked[j]] += r.q()[j] / DRAWS;
            }
            for (int i = 0; i < 2; i++) {
                identityError = Math.max(identityError, Math.abs(r.utility(i) - (r.welfare() - r.welfareWithout()[i])));
            }
            if (d < AUDITED) {
                auditGain = Math.max(auditGain, audit(rewards, refLog, genLog, tau, Seeds.derive(m, d, (long) (tau * 10))));
            }
            revenue += (r.payments()[0] + r.payments()[1]) / DRAWS;
        }
        double value = 0;
        double kl = 0;
        double[] tilted = new double[c];
        for (int y = 0; y < c; y++) {
            value += law[y] * total[y];
            kl += law[y] > 0 ? law[y] * (Math.log(law[y]) - ref[y]) : 0;
            tilted[y] = ref[y] + total[y] / tau;
        }
        double optimum = tau * LogSpace.logSumExp(tilted);
        return new Cell(value - tau * kl, optimum, value, kl, revenue, auditGain, identityError);
    }

    /**
     * The incentive audit on one realized candidate set: each advertiser's best misreport (the audit's families: scaling,
     * mixing with the other's rewards, polarization, random reports and a local search) against reporting its true
     * rewards, with the other's report fixed. The largest gain of the two.
     */
    private static double audit(double[][] rewards, double[] refLog, double[] genLog, double tau, long seed) {
        int m = refLog.length;
        MechanismInstance mosaic = new MechanismInstance() {
            @Override
            public RoundResult clear(RoundInput round) {
                double[][] reported = new double[round.reports().size()][];
                for (int i = 0; i < reported.length; i++) {
                    reported[i] = round.reports().get(i).numbers(Report.REWARDS);
                }
                Mosaic.Result r = Mosaic.clear(reported, refLog, genLog, tau);
                List<Payment> payments = new ArrayList<>();
                for (int i = 0; i < reported.length; i++) {
                    payments.add(new Payment(round.reports().get(i).agent(), r.payments()[i]));
                }
                return new RoundResult(Policy.ofProbabilities(r.q()), payments);
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                return result.policy().expectedReward(type);
            }
        };
        List<Report> truth = List.of(Report.builder("A").numbers(Report.REWARDS, rewards[0]).build(),
                Report.builder("B").numbers(Report.REWARDS, rewards[1]).build());
        RoundInput round = new RoundInput(0, OutcomeSpace.of(m), Policy.ofLogWeights(refLog), truth);
        AuditResult result = new IncentiveAudit(mosaic, SHAPE, AuditConfig.defaults().withEffort(10, 40).withSeed(seed)).audit(round, truth);
        return result.agents().stream().mapToDouble(a -> a.maxGain()).max().orElse(0);
    }
}

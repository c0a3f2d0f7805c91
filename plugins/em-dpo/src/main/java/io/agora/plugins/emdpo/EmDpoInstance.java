package io.agora.plugins.emdpo;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismInstance;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.PreferencePair;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;
import io.agora.api.lm.TrainablePolicy;
import io.agora.core.game.MinMaxRegret;
import io.agora.core.random.Seeds;
import io.agora.core.train.EmDpo;
import io.agora.core.train.Ranking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One market's EM-DPO. Its state is the latest settled rankings (at most {@code history} of them, the oldest dropped
 * first, so that a long market's clearings stay bounded), in the order they arrived; each clearing runs EM-DPO on
 * them plus the round's rankings, grouped by annotator in the order annotators first appear, from a seed derived from the market's seed and
 * the round, so a clearing is a pure function of state and round and an audit may repeat it.
 */
final class EmDpoInstance implements MechanismInstance {
    private final Settings settings;
    private final LanguageModel model;
    private final String prompt;
    private final long seed;
    private final List<String> replies;
    private final double[] referenceLogProbs;
    /** One settled ranking and who gave it. */
    private record Settled(String annotator, int[] ranking) {
    }

    private final java.util.ArrayDeque<Settled> history = new java.util.ArrayDeque<>();

    private final List<Candidate> candidates;
    private final Optional<LatentAnnotators> annotators;

    EmDpoInstance(Settings settings, LanguageModel model, String prompt, long seed, Optional<LatentAnnotators> annotators) {
        this.settings = settings;
        this.model = model;
        this.prompt = prompt;
        this.seed = seed;
        this.candidates = model.candidates(prompt);
        this.replies = candidates.stream().map(Candidate::text).toList();
        this.referenceLogProbs = model.score(all());
        this.annotators = annotators;
    }

    @Override
    public Optional<Report> drawType(TypeDraw draw) {
        return annotators.map(a -> a.draw(draw, seed, prompt, candidates));
    }

    private List<PromptReply> all() {
        return replies.stream().map(y -> new PromptReply(prompt, y)).toList();
    }

    @Override
    public RoundResult clear(RoundInput round) {
        int m = replies.size();
        if (round.outcomes().size() != m) {
            throw new InvalidInputException("outcomes", "the market has " + round.outcomes().size() + " outcomes, but its prompt has "
                    + m + " candidate replies in model '" + model.name() + "'");
        }
        Map<String, List<int[]>> data = new LinkedHashMap<>();
        for (Settled r : history) {
            data.computeIfAbsent(r.annotator(), a -> new ArrayList<>()).add(r.ranking());
        }
        for (Report r : round.reports()) {
            data.computeIfAbsent(r.text(EmDpoMechanism.ANNOTATOR), a -> new ArrayList<>()).add(r.ranking(EmDpoMechanism.RANKING));
        }
        List<Payment> payments = round.reports().stream().map(r -> new Payment(r.agent(), 0)).toList();
        if (data.isEmpty()) {
            return new RoundResult(round.reference(), payments, Map.of("annotators", 0.0), List.of());
        }
        List<List<Ranking>> annotators = new ArrayList<>();
        for (List<int[]> rankings : data.values()) {
            List<Ranking> mine = new ArrayList<>();
            for (int[] r : rankings) {
                List<String> order = new ArrayList<>();
                for (int y : r) {
                    order.add(replies.get(y));
                }
                mine.add(new Ranking(prompt, order, 1));
            }
            annotators.add(mine);
        }
        EmDpo.Result em = EmDpo.run(annotators, model, settings.em(Seeds.derive(seed, round.round())));
        int k = settings.types();
        double[][] probs = new double[k][];
        double[][] logProbs = new double[k][];
        for (int t = 0; t < k; t++) {
            TrainablePolicy p = em.policies().get(t);
            logProbs[t] = p.score(all());
            probs[t] = new double[m];
            for (int y = 0; y < m; y++) {
                probs[t][y] = Math.exp(logProbs[t][y]);
            }
        }
        // L[i][j]: type i's implicit reward log(π_i/π_ref), in expectation under π_j (exact over the candidates).
        double[][] values = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int y = 0; y < m; y++) {
                    values[i][j] += probs[j][y] * (logProbs[i][y] - referenceLogProbs[y]);
                }
            }
        }
        double[][] regrets = MinMaxRegret.regrets(values, settings.regretByShares() ? em.eta() : uniform(k));
        double[] mixture = switch (settings.aggregation()) {
            case "mmra-hedge" -> MinMaxRegret.hedge(regrets, 0.1, 5_000).weights();
            case "shares" -> em.eta().clone();
            default -> MinMaxRegret.exact(regrets).weights();
        };
        double[] deployed = new double[m];
        for (int t = 0; t < k; t++) {
            for (int y = 0; y < m; y++) {
                deployed[y] += Math.max(0, mixture[t]) * probs[t][y];
            }
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("annotators", (double) annotators.size());
        diagnostics.put("maxRegret", MinMaxRegret.maxRegret(regrets, mixture));
        diagnostics.put("logLikelihood", em.logLikelihoods()[em.logLikelihoods().length - 1]);
        for (int t = 0; t < k; t++) {
            diagnostics.put("share." + t, em.eta()[t]);
            diagnostics.put("mixture." + t, mixture[t]);
        }
        return new RoundResult(Policy.ofProbabilities(deployed), payments, diagnostics, List.of());
    }

    private static double[] uniform(int k) {
        double[] w = new double[k];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * An annotator's value of the deployed policy: the expected position score of a reply under it, with the
     * annotator's own ranking of t replies scoring (t − s)/t at position s (0 first) and unranked replies 0 [RECON].
     */
    @Override
    public double value(Report type, RoundInput round, RoundResult result) {
        int[] order = type.ranking(EmDpoMechanism.RANKING);
        double v = 0;
        for (int s = 0; s < order.length; s++) {
            v += result.policy().prob(order[s]) * (order.length - s) / (double) order.length;
        }
        return v;
    }

    @Override
    public void settle(RoundRecord round) {
        for (Report r : round.input().reports()) {
            if (!round.missed().contains(r.agent())) {
                keep(new Settled(r.text(EmDpoMechanism.ANNOTATOR), r.ranking(EmDpoMechanism.RANKING)));
            }
        }
    }

    /** Every ranking the round kept, as the pairs it implies (each reply over every reply ranked below it), by annotator. */
    @Override
    public List<PreferencePair> preferences(RoundRecord round) {
        List<PreferencePair> pairs = new ArrayList<>();
        for (Report r : round.input().reports()) {
            if (round.missed().contains(r.agent())) {
                continue;
            }
            int[] order = r.ranking(EmDpoMechanism.RANKING);
            String annotator = r.text(EmDpoMechanism.ANNOTATOR);
            for (int i = 0; i < order.length; i++) {
                for (int j = i + 1; j < order.length; j++) {
                    pairs.add(new PreferencePair(order[i], order[j], 1, annotator));
                }
            }
        }
        return pairs;
    }

    private void keep(Settled r) {
        history.addLast(r);
        while (history.size() > settings.history()) {
            history.removeFirst();
        }
    }

    /** One line per kept ranking, oldest first: {@code annotator TAB i,j,k}. */
    @Override
    public Optional<String> snapshot() {
        StringBuilder out = new StringBuilder();
        for (Settled s : history) {
            out.append(s.annotator()).append('\t');
            int[] r = s.ranking();
            for (int i = 0; i < r.length; i++) {
                out.append(i == 0 ? "" : ",").append(r[i]);
            }
            out.append('\n');
        }
        return Optional.of(out.toString());
    }

    @Override
    public void restore(String snapshot) {
        history.clear();
        int line = 0;
        for (String row : snapshot.split("\n")) {
            line++;
            if (row.isEmpty()) {
                continue;
            }
            try {
                String[] f = row.split("\t");
                String[] idx = f[1].split(",");
                int[] r = new int[idx.length];
                for (int i = 0; i < r.length; i++) {
                    r[i] = Integer.parseInt(idx[i]);
                    if (r[i] < 0 || r[i] >= replies.size()) {
                        throw new IllegalArgumentException("outcome " + r[i]);
                    }
                }
                keep(new Settled(f[0], r));
            } catch (RuntimeException e) {
                throw new InvalidInputException("snapshot", "line " + line + " is not 'annotator TAB ranking': " + e.getMessage());
            }
        }
    }
}

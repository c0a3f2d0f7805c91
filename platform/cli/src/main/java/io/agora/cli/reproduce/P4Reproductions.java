package io.agora.cli.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.core.auction.PairAuction;
import io.agora.core.auction.Suppliers;
import io.agora.core.random.Seeds;
import io.agora.core.train.Ranking;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * P4: dollars spent against the quality of a policy trained on the data they bought. Eight suppliers of the default
 * {@link Suppliers} population (cheap and careless to dear and careful; better replies cost more) offer one reply each
 * to a stream of catalog prompts, judged by {@link Gold}. Three ways to spend a budget:
 * <ul>
 * <li>auction + DPO: the k_plus_1 pair auction buys the two cheapest offers per prompt (the judge orders them) until a
 * pair would overspend the budget; a policy is trained by DPO on the pairs;</li>
 * <li>auction + QA-DPO: the same pairs, each weighted {@code 0.5 + σ(κ·(b_chosen − b_rejected))}, κ = {@value #QA_SCALE};</li>
 * <li>flat rate: every supplier is paid the reserve (1) for its reply, and every two different replies to a prompt
 * form a judged pair, until a prompt's replies would overspend the budget.</li>
 * </ul>
 * Quality is the trained policy's win rate against the reference under gold. Diversity is the share of distinct
 * (prompt, reply) among the replies bought, and the number of prompts covered. {@code dataset.jsonl} holds the pairs
 * the auction bought with the largest budget (first seed) with their QA-DPO weights.
 */
final class P4Reproductions {
    private static final double[] BUDGETS = {4, 8, 16, 32, 64, 128, 256};
    /**
     * κ in the QA-DPO weight {@code 0.5 + σ(κ·(b_chosen − b_rejected))}. Bids here are dollars in [0, 1], where κ = 1
     * keeps every weight within a few hundredths of 1 (QA-DPO then matched DPO to 0.001 in every cell); κ = 10 lets a
     * pair whose chosen reply cost 0.1 more count about a quarter more.
     */
    private static final double QA_SCALE = 10;
    private static final String[] ARMS = {"auction-dpo", "auction-qa-dpo", "flat-rate"};
    private static final double RESERVE = 1;
    private static final double QUALITY_COST = 0.3;
    private static final int STEPS = 100;

    private P4Reproductions() {
    }

    /** One arm's purchase under one budget: the training pairs and what was bought. */
    private record Purchase(List<Ranking> pairs, double spent, int replies, int distinctReplies, int prompts) {
    }

    static void budget(LanguageModel catalog, long seed, int seeds, Output out, PrintStream log) throws IOException {
        List<String> prompts = catalog.prompts();
        double[][][] winRate = new double[ARMS.length][BUDGETS.length][seeds];
        double[][][] spent = new double[ARMS.length][BUDGETS.length][seeds];
        double[][][] pairs = new double[ARMS.length][BUDGETS.length][seeds];
        double[][][] diversity = new double[ARMS.length][BUDGETS.length][seeds];
        double[][][] covered = new double[ARMS.length][BUDGETS.length][seeds];
        List<Ranking> exported = List.of();
        for (int s = 0; s < seeds; s++) {
            for (int b = 0; b < BUDGETS.length; b++) {
                for (int arm = 0; arm < ARMS.length; arm++) {
                    // The same stream of prompts and offers for every arm and budget of a seed.
                    Purchase p = arm == 2 ? flatRate(catalog, prompts, BUDGETS[b], Seeds.random(seed, s))
                            : auction(catalog, prompts, BUDGETS[b], arm == 1, Seeds.random(seed, s));
                    if (s == 0 && arm == 1 && b == BUDGETS.length - 1) {
                        exported = p.pairs();
                    }
                    winRate[arm][b][s] = Gold.winRate(catalog, train(catalog, p.pairs(), seed), prompts);
                    spent[arm][b][s] = p.spent();
                    pairs[arm][b][s] = p.pairs().size();
                    diversity[arm][b][s] = p.replies() == 0 ? 0 : p.distinctReplies() / (double) p.replies();
                    covered[arm][b][s] = p.prompts();
                }
            }
        }
        ObjectNode summary = out.summary().put("seeds", seeds).put("suppliers", Suppliers.DEFAULT_COSTS.length).put("reserve", RESERVE)
                .put("qualityCost", QUALITY_COST).put("qaScale", QA_SCALE).put("steps", STEPS).put("referenceWinRate", 0.5);
        ArrayNode rows = summary.putArray("byBudget");
        Object[] series = new Object[3 * ARMS.length];
        for (int arm = 0; arm < ARMS.length; arm++) {
            double[] x = new double[BUDGETS.length];
            double[] y = new double[BUDGETS.length];
            for (int b = 0; b < BUDGETS.length; b++) {
                x[b] = mean(spent[arm][b]);
                y[b] = mean(winRate[arm][b]);
                rows.addObject().put("arm", ARMS[arm]).put("budget", BUDGETS[b]).put("spent", x[b]).put("pairs", mean(pairs[arm][b]))
                        .put("winRate", y[b]).put("winRateSd", sd(winRate[arm][b])).put("distinctReplyShare", mean(diversity[arm][b]))
                        .put("promptsCovered", mean(covered[arm][b]));
                out.row("arm", ARMS[arm], "budget", BUDGETS[b], "spent", x[b], "pairs", mean(pairs[arm][b]), "winRate", y[b],
                        "winRateSd", sd(winRate[arm][b]), "distinctReplyShare", mean(diversity[arm][b]), "promptsCovered", mean(covered[arm][b]));
            }
            series[3 * arm] = ARMS[arm];
            series[3 * arm + 1] = x;
            series[3 * arm + 2] = y;
            log.printf("p4-budget: %-15s win rate %s at spent %s%n", ARMS[arm], format(y), format(x));
        }
        // What the largest budget bought at auction (first seed), with QA-DPO weights: a dataset to train on elsewhere.
        out.dataset("dataset.jsonl", exported);
        summary.put("datasetPairs", exported.size());
        out.plot("win-rate-by-spend", "Policy quality against dollars spent", "dollars spent", "win rate against the reference (gold)", false, series);
    }

    /** One prompt of the stream: its candidates, their gold utilities and every supplier's offer. */
    private record Slot(String prompt, List<Candidate> candidates, double[] gold, Suppliers.Offer[] offers) {
        static Slot next(LanguageModel catalog, List<String> prompts, SplittableRandom random) {
            String prompt = prompts.get(random.nextInt(prompts.size()));
            List<Candidate> candidates = catalog.candidates(prompt);
            double[] gold = Gold.utilities(candidates);
            return new Slot(prompt, candidates, gold, P4Reproductions.offers(gold, random));
        }
    }

    /** What one way of spending has bought so far: the training pairs, the money, the replies and prompts covered. */
    private static final class Basket {
        private final List<Ranking> pairs = new ArrayList<>();
        private final Set<String> distinct = new HashSet<>();
        private final Set<String> covered = new HashSet<>();
        private double spent;
        private int replies;

        boolean affords(double cost, double budget) {
            return spent + cost <= budget;
        }

        /** Pays {@code cost} for replies {@code bought} (candidate indices, repeats allowed) to the slot's prompt. */
        void buy(Slot slot, double cost, int... bought) {
            spent += cost;
            replies += bought.length;
            covered.add(slot.prompt());
            for (int j : bought) {
                distinct.add(slot.prompt() + "\n" + j);
            }
        }

        /** Adds the pair of candidates a and r as the judge orders them, unless it cannot (the same reply, or equally good). */
        void judge(Slot slot, int a, int r, double weight) {
            double[] gold = slot.gold();
            if (gold[a] != gold[r]) {
                int chosen = gold[a] > gold[r] ? a : r;
                int rejected = chosen == a ? r : a;
                pairs.add(Ranking.pair(slot.prompt(), slot.candidates().get(chosen).text(), slot.candidates().get(rejected).text())
                        .withWeight(weight));
            }
        }

        Purchase purchase() {
            return new Purchase(pairs, spent, replies, distinct.size(), covered.size());
        }
    }

    /** The k_plus_1 pair auction over the stream until a pair would overspend the budget. */
    private static Purchase auction(LanguageModel catalog, List<String> prompts, double budget, boolean qaWeights, SplittableRandom random) {
        Basket basket = new Basket();
        while (true) {
            Slot slot = Slot.next(catalog, prompts, random);
            Suppliers.Offer[] offers = slot.offers();
            double[] bids = Arrays.stream(offers).mapToDouble(Suppliers.Offer::cost).toArray();
            PairAuction.Award award = PairAuction.award(bids, null, 0, RESERVE, PairAuction.Pricing.K_PLUS_1);
            if (!basket.affords(award.cost(), budget)) {
                return basket.purchase();
            }
            int a = offers[award.first()].reply();
            int r = offers[award.second()].reply();
            basket.buy(slot, award.cost(), a, r);
            // The QA weight reads the asks of the offers in the judge's order.
            boolean firstChosen = slot.gold()[a] > slot.gold()[r];
            double w = !qaWeights ? 1 : firstChosen ? PairAuction.qaWeight(bids[award.first()], bids[award.second()], QA_SCALE)
                    : PairAuction.qaWeight(bids[award.second()], bids[award.first()], QA_SCALE);
            basket.judge(slot, a, r, w);
        }
    }

    /** Every supplier paid the reserve per reply; every two different replies to a prompt form a judged pair. */
    private static Purchase flatRate(LanguageModel catalog, List<String> prompts, double budget, SplittableRandom random) {
        Basket basket = new Basket();
        while (true) {
            Slot slot = Slot.next(catalog, prompts, random);
            double cost = RESERVE * slot.offers().length;
            if (!basket.affords(cost, budget)) {
                return basket.purchase();
            }
            int[] bought = Arrays.stream(slot.offers()).mapToInt(Suppliers.Offer::reply).toArray();
            basket.buy(slot, cost, bought);
            List<Integer> different = new ArrayList<>(new HashSet<>(Arrays.stream(bought).boxed().toList()));
            for (int i = 0; i < different.size(); i++) {
                for (int j = i + 1; j < different.size(); j++) {
                    basket.judge(slot, different.get(i), different.get(j), 1);
                }
            }
        }
    }

    private static Suppliers.Offer[] offers(double[] gold, SplittableRandom random) {
        Suppliers.Offer[] offers = new Suppliers.Offer[Suppliers.DEFAULT_COSTS.length];
        for (int k = 0; k < offers.length; k++) {
            offers[k] = Suppliers.offer(gold, Suppliers.DEFAULT_COSTS[k], Suppliers.DEFAULT_SKILLS[k], QUALITY_COST, RESERVE, random);
        }
        return offers;
    }

    /** A catalog policy trained by DPO on the (weighted) pairs; the reference itself when there are none. */
    private static LanguageModel train(LanguageModel catalog, List<Ranking> pairs, long seed) {
        return pairs.isEmpty() ? catalog : Dpo.train(catalog, pairs, STEPS, 0.005, seed);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", v[i]));
        }
        return s.append(']').toString();
    }
}

package io.agora.plugins.emdpo;

import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.TypeDraw;
import io.agora.api.lm.Candidate;
import io.agora.core.random.Seeds;
import io.agora.core.train.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The types an em-dpo market deals its annotators when it is given latent types: seat s belongs to type t with
 * probability {@code shares[t]} (drawn once per seat from the market's seed, so a seat keeps its type), and each
 * round it ranks every candidate by a Plackett–Luce draw over its type's utility, {@code weight · attribute} of the
 * reply (for example 2 · sentiment). Without latent types the host draws rankings uniformly.
 */
final class LatentAnnotators {
    private final double[] shares;
    private final String[] attributes;
    private final double[] weights;

    private LatentAnnotators(double[] shares, String[] attributes, double[] weights) {
        this.shares = shares;
        this.attributes = attributes;
        this.weights = weights;
    }

    /**
     * @param shares    the types' shares (empty: no latent types)
     * @param utilities one {@code attribute:weight} per type, comma-separated
     */
    static Optional<LatentAnnotators> of(double[] shares, String utilities) {
        if (shares.length == 0) {
            return Optional.empty();
        }
        String[] terms = utilities.split(",");
        if (terms.length != shares.length) {
            throw new InvalidInputException("params.annotatorUtilities", "needs one attribute:weight per type of annotatorShares ("
                    + shares.length + "), got " + terms.length);
        }
        double total = 0;
        for (int t = 0; t < shares.length; t++) {
            if (!(shares[t] >= 0) || Double.isInfinite(shares[t])) {
                throw new InvalidInputException("params.annotatorShares[" + t + "]", "must be a finite number at least 0, got " + shares[t]);
            }
            total += shares[t];
        }
        if (!(total > 0)) {
            throw new InvalidInputException("params.annotatorShares", "must not all be 0");
        }
        String[] attributes = new String[terms.length];
        double[] weights = new double[terms.length];
        for (int t = 0; t < terms.length; t++) {
            String[] kv = terms[t].trim().split(":");
            try {
                attributes[t] = kv[0].trim();
                weights[t] = Double.parseDouble(kv[1].trim());
                if (attributes[t].isEmpty() || !Double.isFinite(weights[t]) || kv.length != 2) {
                    throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                throw new InvalidInputException("params.annotatorUtilities", "entry " + t + " must be attribute:weight (such as sentiment:2), got '"
                        + terms[t].trim() + "'");
            }
        }
        double[] normalized = new double[shares.length];
        for (int t = 0; t < shares.length; t++) {
            normalized[t] = shares[t] / total;
        }
        return Optional.of(new LatentAnnotators(normalized, attributes, weights));
    }

    /** The latent type of a seat: the same every round. */
    int typeOf(int seat, long seed) {
        double u = new java.util.SplittableRandom(Seeds.derive(seed, 0x7A7E, seat)).nextDouble();
        double cumulative = 0;
        for (int t = 0; t < shares.length; t++) {
            cumulative += shares[t];
            if (u < cumulative) {
                return t;
            }
        }
        return shares.length - 1;
    }

    /** A seat's dealt type: its ranking of every candidate, and its own name as the annotator id. */
    Report draw(TypeDraw draw, long seed, String prompt, List<Candidate> candidates) {
        int t = typeOf(draw.seat(), seed);
        List<String> texts = candidates.stream().map(Candidate::text).toList();
        Ranking ranked = Ranking.draw(prompt, texts, y -> weights[t] * candidates.get(texts.indexOf(y)).attribute(attributes[t]), draw.random());
        List<Integer> order = new ArrayList<>();
        for (String y : ranked.replies()) {
            order.add(texts.indexOf(y));
        }
        String id = draw.agent().replaceAll("[^A-Za-z0-9._:-]", "-");
        return Report.builder(draw.agent()).ranking(EmDpoMechanism.RANKING, order.stream().mapToInt(Integer::intValue).toArray())
                .text(EmDpoMechanism.ANNOTATOR, id.length() <= 64 ? id : id.substring(id.length() - 64)).build();
    }
}

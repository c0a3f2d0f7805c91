package io.agora.plugins.vickreyfeedback;

import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.TypeDraw;
import io.agora.core.auction.Suppliers;
import io.agora.core.random.Seeds;

import java.util.SplittableRandom;

import static io.agora.plugins.vickreyfeedback.VickreyFeedbackMechanism.BID;
import static io.agora.plugins.vickreyfeedback.VickreyFeedbackMechanism.REPLY;

/**
 * A market's seeded world: round r's candidate j has a true quality {@code g_j ~ N(0, 1)}, and the world's judge sees
 * {@code g_j + judgeNoise · N(0, 1)}, both from the market's seed, so a clearing, its audit and a replay after a
 * restart judge alike. Dealt types follow the world: seat s is a {@link Suppliers} supplier with the seat's base cost
 * and skill, offering its reply at its cost. Also how a report names a candidate reply.
 */
final class World {
    private final Settings settings;
    private final long seed;

    World(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /** Round r's true qualities of its m candidates. */
    double[] quality(int round, int m) {
        SplittableRandom random = Seeds.random(seed, round, 0);
        double[] g = new double[m];
        for (int j = 0; j < m; j++) {
            g[j] = random.nextGaussian();
        }
        return g;
    }

    /** Round r's qualities as the judge sees them. */
    double[] judged(int round, int m) {
        double[] g = quality(round, m);
        if (settings.judgeNoise() > 0) {
            SplittableRandom random = Seeds.random(seed, round, 1);
            for (int j = 0; j < m; j++) {
                g[j] += settings.judgeNoise() * random.nextGaussian();
            }
        }
        return g;
    }

    /** Seat s's type in a round: the reply it offers and its cost, as a report. */
    Report type(TypeDraw draw) {
        int s = draw.seat();
        Suppliers.Offer offer = Suppliers.offer(quality(draw.round(), draw.outcomes().size()), settings.costs()[s % settings.costs().length],
                settings.skills()[s % settings.skills().length], settings.qualityCost(), settings.reserve(), draw.random());
        return Report.builder(draw.agent()).text(REPLY, name(draw.outcomes(), offer.reply())).number(BID, offer.cost()).build();
    }

    /** How a report names outcome j: its label, or its index when the outcomes are unlabeled. */
    static String name(OutcomeSpace outcomes, int j) {
        return outcomes.labels().isEmpty() ? Integer.toString(j) : outcomes.labels().get(j);
    }

    /** The outcome a reply names, or -1. */
    static int outcomeOf(OutcomeSpace outcomes, String reply) {
        if (outcomes.labels().isEmpty()) {
            try {
                int j = Integer.parseInt(reply);
                return j >= 0 && j < outcomes.size() ? j : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return outcomes.labels().indexOf(reply);
    }
}

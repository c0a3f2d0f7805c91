package io.agora.runtime.market;

import io.agora.api.Normalization;
import io.agora.api.Report;

import java.util.SplittableRandom;

/**
 * How an agent's private type is drawn each round: rewards uniform on [0,1]^m then normalized, and a group
 * size that is fixed or uniform over a range of whole numbers.
 *
 * @param normalization how the drawn rewards are normalized
 * @param minWeight     the smallest group size
 * @param maxWeight     the largest group size (equal to {@code minWeight} for a fixed size)
 */
public record TypeSpec(Normalization normalization, long minWeight, long maxWeight) {

    /** Draws a type for {@code agent} over {@code m} outcomes. */
    public Report draw(String agent, int m, SplittableRandom random) {
        double[] r = new double[m];
        for (int y = 0; y < m; y++) {
            r[y] = random.nextDouble();
        }
        long w = minWeight == maxWeight ? minWeight : minWeight + random.nextLong(maxWeight - minWeight + 1);
        return Report.ofRewards(agent, normalization.normalize(r), w);
    }
}

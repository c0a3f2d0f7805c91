package io.agora.wire;

import java.util.List;
import java.util.Map;

/**
 * A request to open a market (experimenters and admins).
 *
 * @param name           a display name
 * @param mechanism      the mechanism plugin's id, such as {@code affine-maximizer}
 * @param params         the mechanism's parameters (its plugin README lists them); may be omitted
 * @param reference      the reference policy over the outcomes (positive weights; normalized)
 * @param seats          how many bots play; round 1 opens when the last seat is taken
 * @param rounds         how many rounds; 0 or omitted for no limit (until closed)
 * @param deadlineMillis how long a round collects reports
 * @param missPolicy     what a seat without a report gets: truthful (default), abstain or zero
 * @param types          how private types are drawn; may be omitted
 * @param seed           the seed of the private types; random when omitted
 * @param budget         what the market may pay out beyond what it takes in, for mechanisms that pay agents
 *                       (buying data from suppliers); a round that would overdraw it fails. Omitted: no limit
 * @param prompt         the prompt the market's rounds answer, shown to bots and written into its dataset; may be omitted
 * @param outcomes       the outcomes' texts (the candidate replies), one per reference entry, shown to bots and written
 *                       into its dataset; omitted: the outcomes are named by their index
 * @param generate       instead of {@code reference} and {@code outcomes}: draw the candidate replies to {@code prompt}
 *                       from a language model the gateway serves; may be omitted
 */
public record MarketCreate(String name, String mechanism, Map<String, Object> params, double[] reference, Integer seats,
                           Integer rounds, Long deadlineMillis, String missPolicy, TypeDistribution types, Long seed,
                           Double budget, String prompt, List<String> outcomes, Generate generate) {

    /**
     * Candidate replies drawn from a language model: {@code count} draws (seeded by the market's seed), different
     * replies become the outcomes, and how often each was drawn becomes the reference.
     *
     * @param model     a language model the gateway serves ({@code GET /api/models}), such as {@code catalog}
     * @param count     how many replies to draw, 2 to 100
     * @param maxTokens the longest reply in tokens (default 64; a model of finite candidate sets ignores it)
     */
    public record Generate(String model, Integer count, Integer maxTokens) {
    }

    /** A market with a prompt and outcome texts given, not generated. */
    public MarketCreate(String name, String mechanism, Map<String, Object> params, double[] reference, Integer seats, Integer rounds,
                        Long deadlineMillis, String missPolicy, TypeDistribution types, Long seed, Double budget, String prompt,
                        List<String> outcomes) {
        this(name, mechanism, params, reference, seats, rounds, deadlineMillis, missPolicy, types, seed, budget, prompt, outcomes, null);
    }

    /** A market without a prompt or outcome texts. */
    public MarketCreate(String name, String mechanism, Map<String, Object> params, double[] reference, Integer seats, Integer rounds,
                        Long deadlineMillis, String missPolicy, TypeDistribution types, Long seed, Double budget) {
        this(name, mechanism, params, reference, seats, rounds, deadlineMillis, missPolicy, types, seed, budget, null, null, null);
    }

    /**
     * How a seat's private type is drawn each round: rewards uniform on [0,1] per outcome, normalized as the
     * mechanism asks, and a group size uniform over whole numbers in [minWeight, maxWeight].
     */
    public record TypeDistribution(Long minWeight, Long maxWeight) {
    }
}

package io.agora.api;

import java.util.Optional;

/**
 * One market's running mechanism: it validates reports, clears rounds and values outcomes.
 *
 * <p>Threading: {@link #clear(RoundInput)} and {@link #value(Report, RoundInput, RoundResult)} must not
 * change the instance's state, so that an audit can clear the same round many times with other reports;
 * online mechanisms change state only in {@link #settle(RoundRecord)}, which the host calls
 * once per round that it keeps. The host calls {@code clear}, {@code validate} and {@code settle} from one
 * thread at a time; after a round clears it may call {@code value} for several agents concurrently (large
 * rounds value their seats in parallel), which a stateless {@code value} allows.
 *
 * <p>Failures: invalid reports raise {@link InvalidInputException}; any other exception, or a result with
 * non-finite numbers, is treated by the host as a failure of the plugin for that round.
 */
public interface MechanismInstance {

    /**
     * Checks the rules of one report that its declared {@link ReportShape} cannot say (rules that span several
     * components); the host calls it after the report passed the shape. The default admits every report.
     *
     * @param report   the report, which fits {@link Mechanism#reportShape(Parameters)}
     * @param outcomes the round's outcome space
     * @throws InvalidInputException naming the report's field (relative to the report, such as
     *                               {@code rewards[2]} or {@code weight}) and the rule broken
     */
    default void validate(Report report, OutcomeSpace outcomes) {
    }

    /**
     * Clears a round: computes the outcome and every reporter's payment. Pure with respect to this instance.
     *
     * @param round the round, whose reports each fit the declared shape and pass {@link #validate(Report, OutcomeSpace)}
     * @return the result, with one payment per report in the round's order
     * @throws InvalidInputException if a report is invalid, with the field prefixed by {@code reports[i]}
     */
    RoundResult clear(RoundInput round);

    /**
     * The value, before payment, of {@code result} to an agent whose true type is {@code type}. The agent's
     * utility is this value minus its payment.
     *
     * @param type   the agent's true private type, in report shape
     * @param round  the round that was cleared
     * @param result the result of clearing it
     */
    double value(Report type, RoundInput round, RoundResult result);

    /**
     * The mechanism's own model of the agents' private types, when it has one: a world in which a labeler's belief
     * tracks a hidden preference, or a supplier has a cost and a quality. The host deals hosted agents and bots the
     * types it returns (checked against the report shape); empty, the default, draws every component uniformly from
     * its declared rules. Must not change the instance's state.
     */
    default Optional<Report> drawType(TypeDraw draw) {
        return Optional.empty();
    }

    /**
     * Records a round the host keeps, for mechanisms whose state carries over between rounds (online
     * weights, budgets): the reports, the result, the realized values and which agents missed. The default does
     * nothing.
     */
    default void settle(RoundRecord round) {
    }

    /**
     * The preference data a settled round produced (the pair a data auction bought, a soft label, an annotator's
     * ranking as its pairs), which hosts export as a dataset. Called after {@link #settle(RoundRecord)} with the same
     * round; must not change the instance's state. Empty, the default, for mechanisms that produce none.
     */
    default java.util.List<PreferencePair> preferences(RoundRecord round) {
        return java.util.List.of();
    }

    /**
     * The state that {@link #settle(RoundRecord)} has built so far, as text the mechanism can read back with
     * {@link #restore(String)}; empty for a mechanism without state across rounds (the default). The host stores it
     * with every settled round, so that a market that restarts, or moves to another node, resumes with exactly
     * the state it had: {@code restore(snapshot())} on a fresh instance must give an instance that behaves the same.
     */
    default Optional<String> snapshot() {
        return java.util.Optional.empty();
    }

    /**
     * Brings a freshly opened instance to the state of a {@link #snapshot()}; called before any round clears.
     *
     * @throws InvalidInputException if the snapshot cannot be read
     */
    default void restore(String snapshot) {
    }
}

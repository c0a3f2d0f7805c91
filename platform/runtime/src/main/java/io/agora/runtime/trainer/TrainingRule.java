package io.agora.runtime.trainer;

import io.agora.api.Policy;
import io.agora.api.RoundResult;

/**
 * How a trainer turns a cleared round into its next policy. Mechanisms whose training has a closed form
 * (the P1 KL tilt, a chosen menu entry) hand over the trained policy in their result, and the trainer
 * adopts it; gradient-trained policies (DPO and its weighted variants) implement this from the round's
 * preference data, with no change to the market, which only ever says "train on this round".
 */
@FunctionalInterface
public interface TrainingRule {

    /**
     * @param current the policy before the round
     * @param result  the mechanism's result for the round
     * @return the policy after training on it
     */
    Policy apply(Policy current, RoundResult result);

    /** Adopts the mechanism's outcome policy: the exact optimum for closed-form mechanisms. */
    TrainingRule ADOPT_OUTCOME = (current, result) -> result.policy();
}

package io.agora.runtime.market;

import io.agora.runtime.system.CborSerializable;

import java.util.Map;

/**
 * What a sharded market needs to open itself on whichever node hosts it: the mechanism by id with raw
 * parameters (each node opens it from its own plugin host), the outcome space and reference, and the round
 * rules. Plain data, so it can cross nodes.
 *
 * @param mechanism       the mechanism id
 * @param params          its raw parameters
 * @param reference       reference weights over the outcomes (positive; normalized)
 * @param deadlineMillis  the round deadline in milliseconds; 0 for lockstep markets
 * @param missPolicy      the miss policy's id: truthful, abstain or zero
 * @param fullInformation whether full-information strategies see the others' reports
 * @param seed            the market's seed, handed to its mechanism (MechanismContext)
 */
public record MarketSpec(String mechanism, Map<String, Object> params, double[] reference, long deadlineMillis,
                         String missPolicy, boolean fullInformation, long seed) implements CborSerializable {
}

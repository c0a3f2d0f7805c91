package io.agora.experiment;

import io.agora.runtime.market.MissPolicy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated experiment: a mechanism with parameters, a hosted population, how many independent markets
 * (samples) of how many rounds to run at each sweep point, what to measure, and what to plot.
 *
 * @param name             the experiment's name
 * @param mechanism        the mechanism id
 * @param params           the mechanism's raw parameters (sweeps override them)
 * @param outcomes         the number of outcomes m
 * @param reference        the reference policy weights, or {@code null} for uniform
 * @param samples          independent markets per sweep point
 * @param rounds           rounds per market
 * @param seed             the seed of every random draw
 * @param fullInformation  whether strategies that ask for them see the others' current reports
 * @param baseline         whether every round is also cleared with everyone truthful (adds delta metrics)
 * @param audited          population entries whose agents are audited every round (adds auditGain)
 * @param auditRandom      random reports per audit
 * @param auditSearch      local-search steps per audit
 * @param menu             finite-menu mode, or {@code null}
 * @param population       the hosted population
 * @param sweeps           the sweeps (at least one; a config without sweeps runs one point)
 * @param plots            the curves to draw
 * @param missPolicy       what a seat whose strategy fails reports (truthful, abstain or zero)
 * @param tournament       the population entry the others are compared with when the population is a
 *                         tournament of strategies (a leaderboard is written), or {@code null}
 */
public record ExperimentConfig(String name, String mechanism, Map<String, Object> params, int outcomes, double[] reference,
                               int samples, int rounds, long seed, boolean fullInformation, boolean baseline,
                               Set<String> audited, int auditRandom, int auditSearch, MenuSpec menu,
                               List<GroupSpec> population, List<SweepSpec> sweeps, List<PlotSpec> plots,
                               MissPolicy missPolicy, String tournament) {

    /** How many sessions (markets) the whole run plays: samples at every point of every sweep. */
    public long sessions() {
        return sweeps.stream().mapToLong(s -> s.vary().values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b)).sum() * samples;
    }
}

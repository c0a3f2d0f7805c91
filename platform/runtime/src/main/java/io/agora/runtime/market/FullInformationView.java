package io.agora.runtime.market;

import io.agora.api.FullInformation;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.runtime.plugins.GuardedMechanism;

import java.util.ArrayList;
import java.util.List;

/**
 * What a full-information seat sees while it is invited: the round as reported so far (its own true type in
 * its place), and its utility for any candidate report against it. Lives on the market's node and thread;
 * the market does nothing else with its mechanism until this seat answers.
 */
final class FullInformationView implements FullInformation {
    private final GuardedMechanism mechanism;
    private final RoundInput base;
    private final int index;
    private final Report type;
    private final List<Report> others;

    FullInformationView(GuardedMechanism mechanism, RoundInput base, int index, Report type) {
        this.mechanism = mechanism;
        this.base = base;
        this.index = index;
        this.type = type;
        List<Report> rest = new ArrayList<>(base.reports());
        rest.remove(index);
        this.others = List.copyOf(rest);
    }

    @Override
    public List<Report> othersReports() {
        return others;
    }

    @Override
    public double utilityOf(Report candidate) {
        mechanism.validate(candidate, base.outcomes());
        RoundInput round = base.withReport(index, candidate);
        RoundResult result = mechanism.clear(round);
        return mechanism.value(type, round, result) - result.paymentOf(type.agent());
    }
}

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

    /** What {@code agent} sees now: the reports filed so far, the true type of a seat still to report, its own type. */
    static FullInformationView of(GuardedMechanism mechanism, MarketRules rules, RoundBook book, String agent) {
        List<Report> profile = new ArrayList<>();
        int index = -1;
        for (String seat : book.seats()) {
            if (seat.equals(agent)) {
                index = profile.size();
                profile.add(book.type(seat));
            } else if (book.report(seat) != null) {
                profile.add(book.report(seat));
            } else if (!book.settled(seat)) {
                profile.add(book.type(seat));
            }
        }
        RoundInput base = new RoundInput(book.round(), rules.outcomes(), rules.reference(), profile);
        return new FullInformationView(mechanism, base, index, book.type(agent));
    }

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

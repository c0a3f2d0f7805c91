package io.agora.runtime.market;

import io.agora.api.InvalidInputException;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.audit.AgentAudit;
import io.agora.core.audit.IncentiveAudit;
import io.agora.core.math.Ranges;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;

import io.agora.api.RoundRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clears a collected round (a plain function of the market's mechanism, settings and book, tested through
 * the market): the mechanism clears the filed reports, a hosted report it rejects becomes a fault of its
 * seat and the round is cleared again, every seat is valued under its true type, and the requested
 * measures (truthful baseline, audits) are taken.
 */
final class Clearing {
    /** Seats × outcomes above which seats are valued in parallel. */
    private static final long PARALLEL_VALUATION = 1L << 18;
    private static final Pattern REPORT_FIELD = Pattern.compile("^reports\\[(\\d+)]");

    private Clearing() {
    }

    static Market.RoundCleared clear(GuardedMechanism mechanism, MarketRules settings, RoundBook done, Measure measure,
                                     boolean validate) {
        if (validate) {
            failInvalid(mechanism, settings, done);
        }
        List<Report> reports = done.reportsInSeatOrder();
        RoundInput round = input(settings, done, reports);
        RoundResult result = null;
        while (result == null) {
            try {
                result = mechanism.clear(round);
            } catch (InvalidInputException e) {
                String seat = offendingSeat(e, reports);
                if (seat == null || done.faults().containsKey(seat)) {
                    throw e;
                }
                done.fail(seat, "invalid report: " + e.getMessage(), settings.missPolicy(), mechanism.reportShape());
                reports = done.reportsInSeatOrder();
                round = input(settings, done, reports);
            }
        }
        List<Report> types = new ArrayList<>(done.seats().size());
        for (String seat : done.seats()) {
            types.add(done.type(seat));
        }
        double[][] actual = valuesAndPayments(mechanism, types, round, result);
        double[][] base = null;
        if (measure.baseline()) {
            RoundInput truthful = input(settings, done, types);
            base = valuesAndPayments(mechanism, types, truthful, mechanism.clear(truthful));
        }
        Map<String, Market.AuditFinding> audits = new LinkedHashMap<>();
        for (Measure.AuditRequest audit : measure.audits()) {
            List<Report> audited = audit.seats().stream().map(done::type).toList();
            new IncentiveAudit(mechanism, mechanism.reportShape(), audit.config()).audit(round, audited).agents().stream()
                    .max(java.util.Comparator.comparingDouble(AgentAudit::maxGain))
                    .ifPresent(best -> audits.put(audit.label(), new Market.AuditFinding(best.agent(), best.maxGain(), best.bestFamily(),
                            best.bestReport(), done.type(best.agent()))));
        }
        double[] gaps = measure.honesty() ? honestyGaps(mechanism, types, reports, round, actual, done) : null;
        return new Market.RoundCleared(done.round(), reports, result, actual[0], actual[1],
                base == null ? null : base[0], base == null ? null : base[1], audits, done.missed(), done.faults(), gaps);
    }

    /**
     * Each seat's honesty gap: its utility minus the utility it would have had by reporting its true type while the
     * others' reports stay as they were (≤ 0 under a truthful mechanism; positive where lying paid). A seat whose report
     * is its type has gap 0 at no cost; any other takes one more clearing, so a market of honest bots pays nothing for
     * the measure. NaN for a seat without a report of its own (it did not choose what was cleared for it) and for a
     * counterfactual round the mechanism refuses to clear. Seats are measured one after another: a mechanism's
     * {@code clear} may use a language model, which need not be safe to call from several threads.
     */
    private static double[] honestyGaps(GuardedMechanism mechanism, List<Report> types, List<Report> reports, RoundInput round,
                                        double[][] actual, RoundBook done) {
        int n = types.size();
        double[] gaps = new double[n];
        Set<String> absent = new HashSet<>(done.missed());
        absent.addAll(done.faults().keySet());
        for (int i = 0; i < n; i++) {
            Report type = types.get(i);
            if (absent.contains(type.agent())) {
                gaps[i] = Double.NaN;
            } else if (type.equals(reports.get(i))) {
                gaps[i] = 0;
            } else {
                List<Report> truthful = new ArrayList<>(reports);
                truthful.set(i, type);
                RoundInput counterfactual = new RoundInput(round.round(), round.outcomes(), round.reference(), truthful);
                try {
                    RoundResult r = mechanism.clear(counterfactual);
                    double honest = mechanism.value(type, counterfactual, r) - r.paymentsByAgent().getOrDefault(type.agent(), 0.0);
                    gaps[i] = actual[0][i] - actual[1][i] - honest;
                } catch (InvalidInputException | PluginFailureException e) {
                    gaps[i] = Double.NaN;
                }
            }
        }
        return gaps;
    }

    /**
     * Validates hosted agents' reports (a bot's was validated before it was journaled): each one that breaks the
     * mechanism's rules becomes a fault of its seat, which the miss policy fills in. The shape check is the host's and
     * runs in parallel for large rounds; the mechanism's own rules are then checked on this thread, as the plugin API
     * promises.
     */
    private static void failInvalid(GuardedMechanism mechanism, MarketRules settings, RoundBook done) {
        List<String> seats = done.seats();
        String[] invalid = new String[seats.size()];
        Report[] reports = new Report[seats.size()];
        boolean large = (long) seats.size() * settings.outcomes().size() >= PARALLEL_VALUATION;
        Ranges.forEach(seats.size(), large, i -> {
            reports[i] = done.reported(seats.get(i)) ? done.report(seats.get(i)) : null;
            if (reports[i] != null) {
                try {
                    mechanism.reportShape().validate(reports[i], settings.outcomes());
                } catch (InvalidInputException e) {
                    invalid[i] = e.getMessage();
                }
            }
        });
        for (int i = 0; i < invalid.length; i++) {
            if (invalid[i] == null && reports[i] != null) {
                try {
                    mechanism.validateOwnRules(reports[i], settings.outcomes());
                } catch (InvalidInputException | PluginFailureException e) {
                    invalid[i] = e.getMessage();
                }
            }
            if (invalid[i] != null) {
                done.fail(seats.get(i), "invalid report: " + invalid[i], settings.missPolicy(), mechanism.reportShape());
            }
        }
    }

    /**
     * What the market takes in from a round's payments (agents pay what they pay, so negative is a payout), summed
     * exactly as the ledger sums them; a failure of the round, before the mechanism settles it, when the payout would
     * overdraw {@code balance} ({@code null}: no limit).
     */
    static BigDecimal affordable(double[] payments, BigDecimal balance) {
        if (balance == null) {
            return BigDecimal.ZERO; // no budget, nothing to check (and exact sums cost a decimal conversion per seat)
        }
        BigDecimal received = BigDecimal.ZERO;
        for (double p : payments) {
            received = received.add(BigDecimal.valueOf(p));
        }
        if (balance.add(received).signum() < 0) {
            throw new InvalidInputException("budget", String.format(java.util.Locale.ROOT,
                    "the round would pay out %.6g net, more than the %.6g the market has left", -received.doubleValue(),
                    balance.doubleValue()));
        }
        return received;
    }

    /** What an online mechanism learns from a cleared round: realized values by seat, and the seats that missed. */
    static RoundRecord record(RoundBook done, MarketRules rules, Market.RoundCleared cleared) {
        RoundInput round = new RoundInput(done.round(), rules.outcomes(), rules.reference(), cleared.reports());
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> seatList = done.seats();
        for (int i = 0; i < seatList.size(); i++) {
            values.put(seatList.get(i), cleared.values()[i]);
        }
        Set<String> missed = new HashSet<>(cleared.missed());
        missed.addAll(cleared.faults().keySet());
        return new RoundRecord(round, cleared.result(), values, missed);
    }

    private static RoundInput input(MarketRules settings, RoundBook done, List<Report> reports) {
        return new RoundInput(done.round(), settings.outcomes(), settings.reference(), reports);
    }

    /**
     * Each seat's value under its type, and its payment (0 when it sat the round out), in seat order. Large
     * rounds value their seats in parallel, as the plugin API allows for {@code value}.
     */
    private static double[][] valuesAndPayments(GuardedMechanism mechanism, List<Report> types, RoundInput round, RoundResult result) {
        int n = types.size();
        double[] values = new double[n];
        double[] payments = new double[n];
        Map<String, Double> paid = result.paymentsByAgent();
        boolean large = (long) n * round.outcomes().size() >= PARALLEL_VALUATION;
        Ranges.forEach(n, large, i -> values[i] = mechanism.value(types.get(i), round, result));
        for (int i = 0; i < n; i++) {
            payments[i] = paid.getOrDefault(types.get(i).agent(), 0.0);
        }
        return new double[][] {values, payments};
    }

    /** The seat whose report a mechanism rejected ({@code reports[i]...}), or {@code null}. */
    private static String offendingSeat(InvalidInputException e, List<Report> reports) {
        Matcher m = REPORT_FIELD.matcher(e.field());
        if (!m.find()) {
            return null;
        }
        int i = Integer.parseInt(m.group(1));
        return i < reports.size() ? reports.get(i).agent() : null;
    }
}

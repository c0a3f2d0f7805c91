package io.agora.runtime.market;

import io.agora.api.Report;
import io.agora.api.ReportShape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The book of one round: the seats expected to report, their private types, the reports received, and
 * which seats missed or failed. Confined to its market actor (mutable, so that a round of 10,000 seats
 * costs O(1) per report); the market is its only writer.
 */
final class RoundBook {
    private final int round;
    private final List<String> seats;
    private final Map<String, Report> types;
    private final Map<String, Report> reports = new HashMap<>();
    private final Set<String> missed = new java.util.LinkedHashSet<>();
    private final Map<String, String> faults = new LinkedHashMap<>();
    private final Set<String> settled = new HashSet<>();

    /** A round of {@code seats}, each of which has its type in {@code types} (which may hold types of others too). */
    RoundBook(int round, List<String> seats, Map<String, Report> types) {
        this.round = round;
        this.seats = List.copyOf(seats);
        if (types.size() != this.seats.size()) {
            // Only the seats' own types: a type for someone without a seat must not make them part of the round.
            Map<String, Report> own = new HashMap<>();
            for (String seat : this.seats) {
                own.put(seat, types.get(seat));
            }
            types = own;
        }
        this.types = types;
    }

    int round() {
        return round;
    }

    Report type(String seat) {
        return types.get(seat);
    }

    /** Whether {@code seat} is expected in this round. */
    boolean expects(String seat) {
        return types.containsKey(seat);
    }

    /** Files (or replaces, before the round closes) a seat's report. */
    void file(String seat, Report report) {
        reports.put(seat, report);
        settled.add(seat);
    }

    /** Records that a seat's strategy failed; the miss policy decides its report. */
    void fail(String seat, String reason, MissPolicy policy, ReportShape space) {
        faults.put(seat, reason);
        fillMissing(seat, policy, space);
    }

    /** Applies the miss policy to every seat that has not reported yet (the deadline passed). */
    void closeMissing(MissPolicy policy, ReportShape space) {
        for (String seat : seats) {
            if (!settled.contains(seat)) {
                missed.add(seat);
                fillMissing(seat, policy, space);
            }
        }
    }

    private void fillMissing(String seat, MissPolicy policy, ReportShape space) {
        Report filled = policy.fill(types.get(seat), space);
        if (filled != null) {
            reports.put(seat, filled);
        } else {
            reports.remove(seat);
        }
        settled.add(seat);
    }

    /** Whether every seat has reported, failed or been filled. */
    boolean complete() {
        return settled.size() == seats.size();
    }

    /** How many seats have reported, failed or been filled. */
    int settledCount() {
        return settled.size();
    }

    /** Whether {@code seat} has been settled one way or another. */
    boolean settled(String seat) {
        return settled.contains(seat);
    }

    /** Whether {@code seat} filed a report of its own (not one the miss policy filled in). */
    boolean reported(String seat) {
        return reports.containsKey(seat) && !faults.containsKey(seat) && !missed.contains(seat);
    }

    /** The report of {@code seat} so far, or {@code null}. */
    Report report(String seat) {
        return reports.get(seat);
    }

    /** The reports to clear, in seat order (abstaining seats left out). */
    List<Report> reportsInSeatOrder() {
        List<Report> out = new ArrayList<>(reports.size());
        for (String seat : seats) {
            Report r = reports.get(seat);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    List<String> seats() {
        return seats;
    }

    List<String> missed() {
        return List.copyOf(missed);
    }

    Map<String, String> faults() {
        return Map.copyOf(faults);
    }
}

package io.agora.plugins.affine;

import io.agora.api.InvalidInputException;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.menu.FiniteMenu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Finite-menu mode: training picks the menu entry with the highest {@code Σ w_i v_i(θ_k) − D(θ_k‖q)}, and
 * payments compare welfare without agent i at its best entry against the chosen one.
 *
 * <p>The cheaper heuristics model training as a scan over the menu in index order [RECON]: the main run
 * keeps its best-so-far entry at a checkpoint every {@code checkpointEvery} entries (heuristic 1 takes θ_−i
 * from those checkpoints), and an early-stopped separate run for θ_−i scans only the leading
 * {@code earlyStopFraction} of the menu (heuristic 2).
 */
final class MenuClearing {
    private MenuClearing() {
    }

    static RoundResult clear(Settings s, RoundInput round, List<Report> reports, double[] weights, double[] logQ) {
        double[][] rows = s.menu();
        int m = round.outcomes().size();
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length != m) {
                throw new InvalidInputException("params.menu[" + k + "]", "length " + rows[k].length + ", expected " + m + " (the number of outcomes)");
            }
            double sum = 0;
            for (int y = 0; y < m; y++) {
                if (rows[k][y] < 0) {
                    throw new InvalidInputException("params.menu[" + k + "][" + y + "]", "must be >= 0, got " + rows[k][y]);
                }
                sum += rows[k][y];
            }
            if (sum <= 0) {
                throw new InvalidInputException("params.menu[" + k + "]", "must have a positive sum");
            }
        }
        double[] q = round.reference().probabilities();
        FiniteMenu menu = FiniteMenu.of(rows, q, s.divergence(), s.lambda());
        double[][] values = menu.weightedValues(reports, weights);
        double[] asw = menu.welfare(values);
        int[] all = IntStream.range(0, menu.size()).toArray();
        int chosen = FiniteMenu.argmax(asw, all);
        int[] rivals = switch (s.payment()) {
            case CHECKPOINT -> checkpoints(asw, s.checkpointEvery());
            case EARLY_STOP -> IntStream.range(0, (int) Math.max(1, Math.ceil(s.earlyStopFraction() * menu.size()))).toArray();
            default -> all;
        };
        List<Payment> payments = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            double[] without = new double[menu.size()];
            for (int k = 0; k < without.length; k++) {
                without[k] = asw[k] - values[k][i];
            }
            double p = s.payment() == PaymentRule.NONE ? 0 : without[FiniteMenu.argmax(without, rivals)] - without[chosen];
            payments.add(new Payment(reports.get(i).agent(), p));
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("menuIndex", (double) chosen);
        diagnostics.put("regularizedWelfare", asw[chosen]);
        return new RoundResult(Policy.ofProbabilities(menu.policy(chosen)), payments, diagnostics, List.of());
    }

    /** The main run's checkpoints: its best-so-far entry after every {@code every} entries, and at the end. */
    static int[] checkpoints(double[] asw, long every) {
        List<Integer> out = new ArrayList<>();
        int best = 0;
        for (int k = 0; k < asw.length; k++) {
            if (asw[k] > asw[best]) {
                best = k;
            }
            if ((k + 1) % every == 0 || k == asw.length - 1) {
                out.add(best);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}

package io.agora.core.rating;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BradleyTerryTest {

    /** Two players, 3 wins to 1: the strengths differ by log 3, and the difference's variance is 1/(n p (1 − p)). */
    @Test
    void twoPlayersDifferByTheLogOddsOfTheirRecord() {
        BradleyTerry.Fit fit = BradleyTerry.fit(2, List.of(new BradleyTerry.Game(0, 1, 3), new BradleyTerry.Game(1, 0, 1)), 1e-9);
        assertThat(fit.strength(0) - fit.strength(1)).isCloseTo(Math.log(3), within(1e-6));
        assertThat(fit.strength(0) + fit.strength(1)).isCloseTo(0, within(1e-12)); // centred
        // Var(θ_A − mean) = Var(d)/4 with Var(d) = 1 / (4 · 3/4 · 1/4).
        assertThat(fit.standardError(0)).isCloseTo(Math.sqrt(1.0 / 3), within(1e-6));
        assertThat(fit.low(0, 1.96)).isCloseTo(fit.strength(0) - 1.96 * Math.sqrt(1.0 / 3), within(1e-6));
    }

    /** The fit is the prior-penalized maximum: its gradient vanishes, and the strengths of a known truth are recovered. */
    @Test
    void recoversTheStrengthsThatGeneratedTheGames() {
        double[] truth = {-1.0, -0.3, 0.2, 1.1};
        SplittableRandom random = new SplittableRandom(5);
        java.util.ArrayList<BradleyTerry.Game> games = new java.util.ArrayList<>();
        for (int g = 0; g < 20_000; g++) {
            int i = random.nextInt(4);
            int j = random.nextInt(3);
            j = j >= i ? j + 1 : j;
            boolean iWins = random.nextDouble() < 1 / (1 + Math.exp(truth[j] - truth[i]));
            games.add(iWins ? new BradleyTerry.Game(i, j, 1) : new BradleyTerry.Game(j, i, 1));
        }
        BradleyTerry.Fit fit = BradleyTerry.fit(4, games, 0.01);
        double mean = java.util.Arrays.stream(truth).average().orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertThat(fit.strength(i)).isCloseTo(truth[i] - mean, within(4 * fit.standardError(i)));
            assertThat(fit.standardError(i)).isBetween(0.01, 0.05);
        }
    }

    /** An unbeaten player stays finite (the prior), above the one it beat. */
    @Test
    void anUnbeatenPlayerHasAFiniteStrength() {
        BradleyTerry.Fit fit = BradleyTerry.fit(3, List.of(new BradleyTerry.Game(0, 1, 5), new BradleyTerry.Game(1, 2, 5)), 0.1);
        assertThat(fit.strength(0)).isFinite().isGreaterThan(fit.strength(1));
        assertThat(fit.strength(1)).isGreaterThan(fit.strength(2));
    }

    /** A tie counts half a win each way, so two tied players are level. */
    @Test
    void tiedPlayersAreLevel() {
        BradleyTerry.Fit fit = BradleyTerry.fit(2, List.of(new BradleyTerry.Game(0, 1, 0.5), new BradleyTerry.Game(1, 0, 0.5)), 0.01);
        assertThat(fit.strength(0)).isCloseTo(0, within(1e-12));
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> BradleyTerry.fit(2, List.of(new BradleyTerry.Game(0, 2, 1)), 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("games[0]");
        assertThatThrownBy(() -> BradleyTerry.fit(2, List.of(new BradleyTerry.Game(0, 0, 1)), 0.1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BradleyTerry.fit(2, List.of(), 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("prior");
        assertThatThrownBy(() -> BradleyTerry.fit(BradleyTerry.MAX_PLAYERS + 1, List.of(), 0.1)).isInstanceOf(InvalidInputException.class);
    }
}

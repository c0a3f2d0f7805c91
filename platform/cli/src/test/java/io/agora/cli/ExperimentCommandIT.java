package io.agora.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agora.experiment.json.Json;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.testplugins.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code agora experiment run}: outputs, determinism, and rounds that fail without stopping the run. */
class ExperimentCommandIT {
    private static final String CONFIG = """
            name: small
            mechanism: affine-maximizer
            params: {lambda: 0.5, maxGroupSize: 10}
            outcomes: 6
            samples: 2500
            seed: 42
            baseline: truthful
            audit: {agents: [g1], random: 5, search: 20}
            types: {weight: {uniform: [1, 10]}}
            population:
              - {name: g1, strategy: epsilon-polarization}
              - {name: rest, count: 3, strategy: truthful}
            sweeps:
              - name: eps
                vary:
                  population.g1.params.epsilon: [0.001, 0.01, 0.1]
                  params.payment: [affine-maximizer, none]
            plots:
              - {metric: g1.deltaUtility, logX: true}
            """;

    @TempDir
    Path dir;

    private Cli.Run runTo(Path config, String out, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "experiment";
        args[1] = "run";
        args[2] = config.toString();
        args[3] = "--out=" + dir.resolve(out);
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    /**
     * P2 hosted: the online-weighting mechanism deals its labelers beliefs from its own world, settles its weights
     * every round, and shading toward the own label pays under averaging but not under the online weights.
     */
    @Test
    void hostedLabelersShowThatShadingPaysUnderAveragingOnly() throws IOException {
        Path config = Path.of("..", "..", "plugins", "online-weighting", "experiments", "p2-shading.yaml"); // from platform/cli
        Cli.Run run = runTo(config, "p2", "--no-progress");
        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode points = Json.parseJson(Files.readString(dir.resolve("p2/summary.json")), "summary").get("points");
        double[] utility = new double[9];
        for (int i = 0; i < 9; i++) {
            assertThat(points.get(i).get("failedRounds").asLong()).isZero();
            utility[i] = points.get(i).get("metrics").get("leaner.utility").get("mean").asDouble();
        }
        // Point a + 3·s: aggregator a (weighted, average, median), strategy s (truthful, shading, extremizing).
        assertThat(utility[3]).as("shading under online weights").isLessThan(utility[0]);
        assertThat(utility[6]).as("extremizing under online weights").isLessThan(utility[0]);
        assertThat(utility[4]).as("shading under averaging").isGreaterThan(utility[1]);
    }

    /**
     * P4 hosted: the vickrey-feedback mechanism deals suppliers their replies and costs, pays the winners, and asking
     * above cost pays under pay_as_bid but not under k_plus_1.
     */
    @Test
    void hostedSuppliersShowThatShadingPaysUnderPayAsBidOnly() throws IOException {
        Path config = Path.of("..", "..", "plugins", "vickrey-feedback", "experiments", "p4-shading.yaml"); // from platform/cli
        Cli.Run run = runTo(config, "p4", "--no-progress");
        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode points = Json.parseJson(Files.readString(dir.resolve("p4/summary.json")), "summary").get("points");
        double[] utility = new double[9];
        for (int i = 0; i < 9; i++) {
            assertThat(points.get(i).get("failedRounds").asLong()).isZero();
            utility[i] = points.get(i).get("metrics").get("supplier.utility").get("mean").asDouble();
        }
        // Point p + 3·s: pricing p (k_plus_1, second, pay_as_bid), strategy s (truthful, shade-bid, overbid).
        assertThat(utility[3]).as("shading under k_plus_1").isLessThan(utility[0]);
        assertThat(utility[6]).as("overbidding under k_plus_1").isLessThan(utility[0]);
        assertThat(utility[5]).as("shading under pay_as_bid").isGreaterThan(utility[2]);
        assertThat(points.get(0).get("metrics").get("supplier.payment").get("mean").asDouble()).as("the market pays").isNegative();
    }

    @Test
    void writesSummaryMetricsAndPlots() throws IOException {
        Path config = Files.writeString(dir.resolve("small.yaml"), CONFIG);
        Cli.Run run = runTo(config, "out", "--no-progress");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode summary = Json.parseJson(Files.readString(dir.resolve("out/summary.json")), "summary");
        assertThat(summary.get("points")).hasSize(6);
        JsonNode withPayments = summary.get("points").get(2).get("metrics");
        assertThat(withPayments.get("g1.deltaUtility").get("mean").asDouble()).isNegative();
        assertThat(withPayments.get("g1.deltaValue").get("mean").asDouble()).isPositive();
        assertThat(withPayments.get("g1.auditGain").get("max").asDouble()).isLessThanOrEqualTo(1e-9);
        JsonNode withoutPayments = summary.get("points").get(3).get("metrics");
        assertThat(withoutPayments.get("g1.deltaUtility").get("mean").asDouble()).isPositive();
        // The audit's best misreport itself, with the type it was measured against: without payments lying pays.
        JsonNode audit = summary.get("points").get(3).get("audits").get("g1");
        assertThat(audit.get("gain").asDouble()).isPositive().isEqualTo(withoutPayments.get("g1.auditGain").get("max").asDouble());
        assertThat(audit.get("misreport").get("rewards")).hasSize(6);
        assertThat(audit.get("misreport")).isNotEqualTo(audit.get("truth"));
        assertThat(audit.get("family").asText()).isNotBlank();
        assertThat(summary.get("points").get(2).get("audits").get("g1").get("gain").asDouble()).isLessThanOrEqualTo(1e-9);
        assertThat(Files.readString(dir.resolve("out/metrics.csv"))).startsWith("sweep,point,settings,metric,count,mean,std,stderr,min,max\n");
        assertThat(dir.resolve("out/plots/eps-g1.deltaUtility.png")).isNotEmptyFile();
    }

    @Test
    void sameConfigAndSeedGiveIdenticalFilesOnAnyNumberOfThreads() throws IOException {
        Path config = Files.writeString(dir.resolve("small.yaml"), CONFIG);
        assertThat(runTo(config, "one", "--threads", "1").code()).isZero();
        assertThat(runTo(config, "two", "--threads", "2").code()).isZero();

        for (String file : new String[] {"summary.json", "metrics.csv", "plots/eps-g1.deltaUtility.png"}) {
            assertThat(Files.readAllBytes(dir.resolve("one").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(file)));
        }
    }

    @Test
    void menuModeWithFullInformationAndSeveralRounds() throws IOException {
        Path config = Files.writeString(dir.resolve("menu.yaml"), """
                name: menu
                mechanism: affine-maximizer
                params: {maxGroupSize: 30, payment: none}
                outcomes: 5
                samples: 40
                rounds: 3
                seed: 1
                information: full
                baseline: truthful
                menu: {size: 7}
                types: {weight: {uniform: [1, 5]}}
                population:
                  - {name: br, strategy: best-response, params: {iterations: 60}}
                  - {name: honest, count: 2, strategy: truthful}
                """);

        Cli.Run run = runTo(config, "menu");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode point = Json.parseJson(Files.readString(dir.resolve("menu/summary.json")), "summary").get("points").get(0);
        assertThat(point.get("failedRounds").asLong()).isZero();
        assertThat(point.get("metrics").get("br.utility").get("count").asLong()).isEqualTo(120);
        // Without payments, responding to the others' reports beats telling the truth: never worse, better on average.
        JsonNode gain = point.get("metrics").get("br.deltaUtility");
        assertThat(gain.get("min").asDouble()).isGreaterThanOrEqualTo(-1e-12);
        assertThat(gain.get("mean").asDouble()).isPositive();
    }

    @Test
    void tournamentWritesALeaderboardRankedByUtility() throws IOException {
        Path config = Files.writeString(dir.resolve("tournament.yaml"), """
                name: t
                mechanism: affine-maximizer
                params: {maxGroupSize: 10, payment: none}
                outcomes: 5
                samples: 2
                rounds: 300
                seed: 5
                information: full
                types: {weight: {uniform: [1, 10]}}
                tournament:
                  reference: honest
                  entrants:
                    - {name: honest, strategy: truthful}
                    - {name: br, strategy: best-response, params: {iterations: 40}}
                    - {name: noise, strategy: random}
                """);

        Cli.Run run = runTo(config, "t");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode board = Json.parseJson(Files.readString(dir.resolve("t/leaderboard.json")), "leaderboard")
                .get("points").get(0).get("leaderboard");
        assertThat(board).hasSize(3);
        assertThat(board.get(0).get("entrant").asText()).isEqualTo("br");
        assertThat(board.get(0).get("rounds").asLong()).isEqualTo(600);
        for (JsonNode row : board) {
            if (row.get("entrant").asText().equals("honest")) {
                assertThat(row.get("gap").asDouble()).isZero();
            }
        }
        // Without payments the best responder beats the truthful entrant by more than its interval.
        assertThat(board.get(0).get("gap").asDouble()).isGreaterThan(board.get(0).get("gapCi95").asDouble());
        assertThat(Files.readString(dir.resolve("t/leaderboard.csv"))).startsWith("sweep,point,settings,rank,entrant");
        assertThat(dir.resolve("t/plots/leaderboard-default-0.png")).isNotEmptyFile();
    }

    /** A plugins folder with the built-in strategies only, for a test to add its mechanism to. */
    private Path strategiesOnly() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty(PluginHost.PLUGINS_DIR_PROPERTY)).resolve("agora-plugin-strategies.jar"),
                plugins.resolve("agora-plugin-strategies.jar"));
        return plugins;
    }

    /**
     * A mechanism with a report the platform has never seen (a reply and a sealed bid, in a second-price auction) runs
     * as a hosted experiment, and a built-in strategy shades the declared bid: bidding the true value pays best.
     */
    @Test
    void aMechanismWithANewReportShapeRunsHostedAndBidShadingDoesNotPay() throws IOException {
        Path plugins = strategiesOnly();
        TestPlugins.sealedBidPlugin(plugins);
        Path config = Files.writeString(dir.resolve("shading.yaml"), """
                name: shading
                mechanism: sealed-bid
                outcomes: 2
                samples: 2000
                seed: 5
                population:
                  - {name: shader, strategy: alpha-scaling, params: {target: bid}}
                  - {name: rivals, count: 2, strategy: truthful}
                sweeps:
                  - name: alpha
                    vary: {population.shader.params.alpha: [0.5, 0.8, 1.0, 1.2]}
                """);

        Cli.Run run = Cli.run("--plugins", plugins.toString(), "experiment", "run", config.toString(), "--out", dir.resolve("s").toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode points = Json.parseJson(Files.readString(dir.resolve("s/summary.json")), "summary").get("points");
        double[] utility = new double[4];
        for (int i = 0; i < 4; i++) {
            assertThat(points.get(i).get("failedRounds").asLong()).isZero();
            utility[i] = points.get(i).get("metrics").get("shader.utility").get("mean").asDouble();
        }
        assertThat(utility[2]).as("truthful bidding (alpha 1) against shading").isGreaterThan(utility[0]).isGreaterThan(utility[1])
                .isGreaterThan(utility[3]);
    }

    @Test
    void aFailingMechanismFailsItsRoundsAndTheRunGoesOn() throws IOException {
        Path plugins = strategiesOnly();
        TestPlugins.faultyPlugin(plugins);
        Path config = Files.writeString(dir.resolve("faulty.yaml"), """
                name: faulty
                mechanism: faulty
                params: {fault: odd}
                outcomes: 3
                samples: 200
                types: {weight: {uniform: [1, 10]}}
                population: [{name: a, strategy: truthful}]
                """);

        Cli.Run run = Cli.run("--plugins", plugins.toString(), "experiment", "run", config.toString(), "--out", dir.resolve("f").toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("rounds failed");
        JsonNode point = Json.parseJson(Files.readString(dir.resolve("f/summary.json")), "summary").get("points").get(0);
        long failed = point.get("failedRounds").asLong();
        assertThat(failed).isBetween(1L, 199L);
        assertThat(point.get("metrics").get("a.value").get("count").asLong()).isEqualTo(200 - failed);
        assertThat(point.get("errors").get(0).asText()).contains("plugin 'faulty' failed: clear threw ArithmeticException: boom");
    }

    @Test
    void clearReportsAFailingPluginInOneLine() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.faultyPlugin(plugins);
        String round = "{\"mechanism\": \"faulty\", \"reference\": [1, 1], \"reports\": [{\"agent\": \"a\", \"rewards\": [0.5, 0.5], \"weight\": 1}]}";

        Cli.Run run = Cli.withStdin(round, "--plugins", plugins.toString(), "clear");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("error: plugin 'faulty' failed: clear threw ArithmeticException: boom\n");
    }
}

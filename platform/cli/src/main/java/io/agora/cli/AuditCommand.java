package io.agora.cli;

import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.cli.round.AuditPlot;
import io.agora.experiment.json.Json;
import io.agora.runtime.plugins.PluginHost;
import io.agora.cli.round.RoundClearing;
import io.agora.cli.round.RoundCodec;
import io.agora.cli.round.RoundRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code agora audit [FILE]}: the incentive audit of the agents whose true types the round lists. */
@Command(name = "audit", description = "Audit one round (JSON with true types) for gains from misreporting, IR and negative payments.")
final class AuditCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The round as JSON, with types; stdin when absent or -.")
    Path file;

    @Option(names = "--random", defaultValue = "50", description = "Random admissible reports tried per agent (default ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--search", defaultValue = "300", description = "Local-search steps per agent (default ${DEFAULT-VALUE}).")
    int search;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random search (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the gains by misreport family as a PNG chart.")
    Path plot;

    @Override
    public void run() {
        if (random < 0 || search < 0) {
            throw new io.agora.api.InvalidInputException(random < 0 ? "--random" : "--search", "must be >= 0");
        }
        if (plot != null && !plot.getFileName().toString().endsWith(".png")) {
            throw new io.agora.api.InvalidInputException("--plot", "must name a .png file, got " + plot);
        }
        AuditConfig config = AuditConfig.defaults().withEffort(random, search).withSeed(seed);
        try (PluginHost host = parent.host()) {
            RoundRequest request = RoundCodec.read(Json.parseJson(AgoraCommand.read(file, System.in), AgoraCommand.source(file)), host);
            AuditResult audit = RoundClearing.audit(request, config);
            parent.out.println(Json.write(RoundCodec.write(request.mechanism(), audit)));
            if (plot != null) {
                AuditPlot.write(request.mechanism(), audit, plot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.agora.cli;

import io.agora.experiment.json.Json;
import io.agora.runtime.plugins.PluginHost;
import io.agora.cli.round.RoundClearing;
import io.agora.cli.round.RoundCodec;
import io.agora.cli.round.RoundRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;

/** {@code agora clear [FILE]}: clears one round given as JSON and prints the result as JSON. */
@Command(name = "clear", description = "Clear one round (JSON from FILE, or stdin) and print the result as JSON.")
final class ClearCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The round as JSON; stdin when absent or -.")
    Path file;

    @Override
    public void run() {
        try (PluginHost host = parent.host()) {
            RoundRequest request = RoundCodec.read(Json.parseJson(AgoraCommand.read(file, System.in), AgoraCommand.source(file)), host);
            parent.out.println(Json.write(RoundCodec.write(RoundClearing.clear(request))));
        }
    }
}

package io.agora.cli;

import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.plugins.ModelsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The top-level command: shared options and the subcommands. */
@Command(name = "agora", mixinStandardHelpOptions = true, version = "agora 0.1.0",
        description = "Markets in which strategic agents steer how a language model is fine-tuned.",
        subcommands = {PluginsCommand.class, ClearCommand.class, AuditCommand.class, ExperimentCommand.class, BenchCommand.class, ReproduceCommand.class, ModelsCommand.class})
public final class AgoraCommand implements Runnable {
    final PrintStream out;
    final PrintStream err;

    @Option(names = "--plugins", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The plugins folder (default: plugins/ of the built distribution, or -Dagora.plugins.dir).")
    Path pluginsDir;

    @Option(names = "--models", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "A JSON file of language models to serve besides every installed kind under its own id: "
                    + "{\"models\": [{\"name\": ..., \"provider\": ..., \"params\": {...}}]}.")
    Path modelsFile;

    AgoraCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(out);
    }

    /** Loads the plugin host from the configured folder, with the models of {@code --models}. */
    PluginHost host() {
        PluginHost host = PluginHost.load(pluginsDir != null ? pluginsDir : PluginHost.defaultFolder());
        if (modelsFile != null) {
            try {
                host.configureModels(ModelsFile.read(modelsFile), PluginHost.modelsFolder());
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
        }
        return host;
    }

    /** Reads FILE, or standard input when it is absent or "-". */
    static String read(Path file, InputStream stdin) {
        try {
            if (file == null || file.toString().equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException((file == null ? "stdin" : file.toString()) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The source name used in errors about malformed input. */
    static String source(Path file) {
        return file == null || file.toString().equals("-") ? "stdin" : file.toString();
    }
}

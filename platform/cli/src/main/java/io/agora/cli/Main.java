package io.agora.cli;

import io.agora.api.InvalidInputException;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.runtime.plugins.PluginLoadException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code agora} command. Exit codes: 0 success, 2 invalid input (one line naming the field and the
 * rule), 1 anything else (a plugin that fails to load or to clear, an internal error), also one line; set
 * {@code AGORA_DEBUG=1} for stack traces.
 */
public final class Main {
    /** Exit code for invalid input. */
    public static final int INVALID_INPUT = 2;
    /** Exit code for failures that are not the input's fault. */
    public static final int FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests too). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new AgoraCommand(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            return INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err));
        return cli.execute(args);
    }

    private static int report(Exception ex, PrintStream err) {
        if (System.getenv("AGORA_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof InvalidInputException) {
            err.println("error: " + e.getMessage());
            return INVALID_INPUT;
        }
        if (e instanceof InputFileException) {
            err.println("error: " + e.getMessage());
            return INVALID_INPUT;
        }
        if (e instanceof PluginFailureException || e instanceof PluginLoadException) {
            err.println("error: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof IOException) {
            err.println("error: " + e.getMessage());
            return FAILURE;
        }
        err.println("internal error: " + e + " (set AGORA_DEBUG=1 for the stack trace)");
        return FAILURE;
    }
}

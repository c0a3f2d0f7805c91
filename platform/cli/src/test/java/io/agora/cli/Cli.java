package io.agora.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
    private Cli() {
    }

    /**
     * @param code   the exit code
     * @param stdout what went to standard output
     * @param stderr what went to standard error
     */
    record Run(int code, String stdout, String stderr) {
    }

    static synchronized Run withStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(previous);
        }
    }

    static Run run(String... args) {
        return withStdin("", args);
    }

    /**
     * Runs the built distribution in a process of its own, as the {@code agora} launcher does. For the torch model:
     * PyTorch's native libraries load once per process, into one plugin class loader, so commands that open it
     * cannot share a test's process with other plugin hosts.
     */
    static Run process(String... args) throws Exception {
        java.nio.file.Path dist = java.nio.file.Path.of(System.getProperty("agora.plugins.dir")).getParent();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dagora.plugins.dir=" + System.getProperty("agora.plugins.dir"),
                "-Dagora.models.dir=" + System.getProperty("agora.models.dir"), "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"),
                "-cp", dist.resolve("lib") + java.io.File.separator + "*", "io.agora.cli.Main"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Run(code, out, new String(err.get(), StandardCharsets.UTF_8));
    }
}

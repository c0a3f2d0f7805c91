package io.agora.gateway;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium, which the browser tests drive (Playwright's own browser builds are not reachable from here).
 * {@code .ci/run} installs it; a machine without it gets it installed when the tests run as root, and otherwise a
 * failure that says how to install it.
 */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static synchronized Path path() throws Exception {
        if (!Files.isExecutable(BINARY) && "root".equals(System.getProperty("user.name"))) {
            Process p = new ProcessBuilder("apt-get", "install", "-y", "chromium").redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "apt-chromium.log").toFile()).start();
            p.waitFor();
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("the browser tests need Debian's Chromium at " + BINARY + ": apt-get install -y chromium");
        }
        return BINARY;
    }
}

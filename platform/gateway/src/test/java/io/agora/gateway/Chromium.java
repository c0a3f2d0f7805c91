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

    /** Playwright, without its browser downloads (unreachable here). */
    static com.microsoft.playwright.Playwright playwright() {
        return com.microsoft.playwright.Playwright.create(new com.microsoft.playwright.Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Debian's Chromium, headless, driven by {@code playwright}. */
    static com.microsoft.playwright.Browser launch(com.microsoft.playwright.Playwright playwright) throws Exception {
        return playwright.chromium().launch(new com.microsoft.playwright.BrowserType.LaunchOptions().setExecutablePath(path())
                .setHeadless(true).setArgs(java.util.List.of("--no-sandbox")));
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

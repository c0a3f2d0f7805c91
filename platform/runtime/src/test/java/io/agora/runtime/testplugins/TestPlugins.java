package io.agora.runtime.testplugins;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packages the test extensions of this package into a real PF4J plugin jar, the way the build packages plugins. */
public final class TestPlugins {
    private TestPlugins() {
    }

    /** Writes {@code faulty.jar} (plugin id {@code faulty}) into {@code folder}. */
    public static Path faultyPlugin(Path folder) throws IOException {
        return plugin(folder, "faulty", "A plugin that fails on purpose", FaultyMechanism.class);
    }

    /** Writes {@code online-counter.jar} (plugin id {@code online-counter}, an online mechanism) into {@code folder}. */
    public static Path onlinePlugin(Path folder) throws IOException {
        return plugin(folder, "online-counter", "An online mechanism that counts rounds", OnlineCounterMechanism.class);
    }

    /** Writes {@code payout.jar} (plugin id {@code payout}: the market pays every agent) into {@code folder}. */
    public static Path payoutPlugin(Path folder) throws IOException {
        return plugin(folder, "payout", "A mechanism that pays its agents", PayoutMechanism.class);
    }

    /** Writes {@code sealed-bid.jar} (plugin id {@code sealed-bid}: a report of a text reply and a bid) into {@code folder}. */
    public static Path sealedBidPlugin(Path folder) throws IOException {
        return plugin(folder, "sealed-bid", "A second-price auction over text replies", SealedBidMechanism.class);
    }

    /** A plugin jar of {@code extension} and its nested classes, with an extension index naming it. */
    private static Path plugin(Path folder, String id, String description, Class<?> extension) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", id);
        a.putValue("Plugin-Version", "1.0.0");
        a.putValue("Plugin-Description", description);
        Path jar = folder.resolve(id + ".jar");
        Path location;
        try {
            location = Path.of(extension.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        // The classes are in a folder for this module's tests, and in its test jar for the modules that reuse them.
        FileSystem zip = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
        Path classes = zip == null ? location : zip.getPath("/");
        Path pkg = classes.resolve("io/agora/runtime/testplugins");
        try (zip; JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.list(pkg)) {
            String name = extension.getSimpleName();
            for (Path f : files.filter(p -> p.getFileName().toString().equals(name + ".class")
                    || p.getFileName().toString().startsWith(name + "$")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            write(out, extension.getName() + "\n");
            out.closeEntry();
        }
        return jar;
    }

    /** Writes a jar that is not a plugin (no plugin manifest). */
    public static Path notAPlugin(Path folder) throws IOException {
        Path jar = folder.resolve("not-a-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("readme.txt"));
            write(out, "hello");
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}

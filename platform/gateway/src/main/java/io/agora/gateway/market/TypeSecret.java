package io.agora.gateway.market;

import io.agora.runtime.market.TypeSeeds;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server-side secret behind every bot market's random draws. Types are drawn by the open-source generator
 * from a seed; were the seeds derived from the market's seed (or from each other) by an invertible mix, a bot
 * could recover its own seed from its types, walk back to the market's and compute every other bot's type. So
 * each seat's seed in each round is its own keyed hash, HMAC-SHA256(secret, market id, seed, round, seat): one
 * seat's seeds say nothing about another's, and only who holds the data folder's secret can replay a market.
 */
@ApplicationScoped
public class TypeSecret {
    private static final int KEY_BYTES = 32;
    /** One keyed HMAC per thread: a round draws a seed per seat on its market's actor thread. */
    private final ThreadLocal<Mac> macs;

    TypeSecret(@ConfigProperty(name = "agora.data") Path data, @ConfigProperty(name = "agora.types-key") java.util.Optional<String> given) {
        // Every node of a cluster must deal the same types: a deployment gives the key (a secret, as an environment
        // variable), and a single gateway keeps its own in the data folder.
        byte[] key = given.isPresent() ? parse(given.get()) : loadOrCreate(data.resolve("secrets/types.key"));
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
            }
        });
    }

    /** The type seeds of market {@code marketId} with the experimenter's {@code seed}. */
    public TypeSeeds typeSeeds(String marketId, long seed) {
        return (round, index) -> hash(marketId, seed, "types", round, index);
    }

    /** The seed of the market's mechanism (its own stream, unrelated to any seat's). */
    public long mechanismSeed(String marketId, long seed) {
        return hash(marketId, seed, "mechanism", 0, 0);
    }

    private long hash(String marketId, long seed, String stream, int round, int index) {
        Mac mac = macs.get(); // doFinal leaves it reset for the next use
        mac.update((marketId + '\u0000' + stream + '\u0000').getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(16).putLong(seed).putInt(round).putInt(index).array())).getLong();
    }

    /** A key given as 64 hex digits. */
    static byte[] parse(String hex) {
        String h = hex.strip();
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("agora.types-key: must be 64 hex digits (32 bytes; openssl rand -hex 32), got "
                    + h.length() + " characters");
        }
        return HexFormat.of().parseHex(h.toLowerCase(java.util.Locale.ROOT));
    }

    /** 32 random bytes in hex, created once, owner-only from the start, and kept across restarts. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            createPrivateDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.writeString(Files.createFile(tmp, ownerOnly("rw-------")), HexFormat.of().formatHex(fresh) + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("the type secret " + file + " cannot be read or created: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(Files.readString(file).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the type secret " + file + " is not hex; restore it from a backup (replays need it)", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("the type secret " + file + " holds " + key.length + " bytes, expected " + KEY_BYTES
                    + "; restore it from a backup (replays need it)");
        }
        return key;
    }

    private static void createPrivateDirectories(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(folder, ownerOnly("rwx------"));
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}

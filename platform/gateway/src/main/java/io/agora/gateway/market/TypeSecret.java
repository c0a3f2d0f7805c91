package io.agora.gateway.market;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server-side secret mixed into every bot market's type seed. Types are drawn by the open-source generator from
 * a seed; were the seed alone enough, a bot could recover it from its own types (or read it from the market) and
 * compute every other bot's type. The seed that the generator gets is HMAC-SHA256(secret, market id, seed), so
 * only who holds the data folder's secret can replay a market's types, and replays stay deterministic for them.
 */
@ApplicationScoped
public class TypeSecret {
    private final byte[] key;

    TypeSecret(@ConfigProperty(name = "agora.data") Path data) {
        this.key = loadOrCreate(data.resolve("secrets/types.key"));
    }

    /** The generator's seed for {@code marketId} with the experimenter's {@code seed}. */
    public long mix(String marketId, long seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(marketId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(seed).array())).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** 32 random bytes in hex, created once with owner-only permissions and kept across restarts. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, HexFormat.of().formatHex(fresh) + "\n");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("the type secret " + file + " cannot be read or created: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the type secret " + file + " is not hex; restore it from a backup (replays need it)", e);
        }
    }
}

package io.agora.gateway.market;

import io.agora.runtime.market.TypeSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type secret: owner-only on disk, exactly 32 bytes, and seeds that are stable but unrelated across seats. */
class TypeSecretTest {

    @Test
    void theKeyIsCreatedOwnerOnlyAndKeptAcrossRestarts(@TempDir Path data) throws Exception {
        TypeSecret first = new TypeSecret(data, java.util.Optional.empty());
        Path key = data.resolve("secrets/types.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        TypeSecret again = new TypeSecret(data, java.util.Optional.empty());
        assertThat(again.typeSeeds("m-1", 42).seed(3, 1)).isEqualTo(first.typeSeeds("m-1", 42).seed(3, 1));
    }

    @Test
    void eachSeatAndRoundHasItsOwnSeedUnrelatedToTheMarketSeed(@TempDir Path data) {
        TypeSeeds seeds = new TypeSecret(data, java.util.Optional.empty()).typeSeeds("m-1", 42);
        Set<Long> seen = new HashSet<>();
        for (int round = 1; round <= 20; round++) {
            for (int seat = 0; seat < 20; seat++) {
                seen.add(seeds.seed(round, seat));
            }
        }
        assertThat(seen).hasSize(400);
        assertThat(seen).doesNotContain(TypeSeeds.derivedFrom(42).seed(1, 0));
        assertThat(new TypeSecret(data, java.util.Optional.empty()).typeSeeds("m-2", 42).seed(1, 0)).isNotEqualTo(seeds.seed(1, 0));
    }

    @Test
    void aDamagedKeyStopsTheGatewayInsteadOfWeakeningIt(@TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/types.key"), "ab\n");
        assertThatThrownBy(() -> new TypeSecret(data, java.util.Optional.empty())).hasMessageContaining("holds 1 bytes, expected 32");
        Files.writeString(data.resolve("secrets/types.key"), "not hex\n");
        assertThatThrownBy(() -> new TypeSecret(data, java.util.Optional.empty())).hasMessageContaining("is not hex");
    }

    /** A cluster's nodes share a given key (agora.types-key): no file, the same seeds; a malformed key stops the node. */
    @Test
    void aGivenKeyIsUsedAsIsAndCheckedFirst(@TempDir Path data) {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        TypeSecret one = new TypeSecret(data.resolve("a"), java.util.Optional.of(hex));
        TypeSecret other = new TypeSecret(data.resolve("b"), java.util.Optional.of(hex.toUpperCase()));
        assertThat(one.typeSeeds("m-1", 42).seed(2, 3)).isEqualTo(other.typeSeeds("m-1", 42).seed(2, 3));
        assertThat(Files.exists(data.resolve("a/secrets/types.key"))).isFalse();
        assertThatThrownBy(() -> new TypeSecret(data, java.util.Optional.of("abc"))).hasMessageContaining("agora.types-key")
                .hasMessageContaining("64 hex digits");
    }
}

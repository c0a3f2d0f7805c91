package io.agora.gateway.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The issuer key file is real PKCS#8 PEM, and the bare base64 that older gateways wrote still loads. */
class IssuerKeysTest {

    @Test
    void aNewKeyIsWrittenAsPemWithLinesOf64(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data/private-key.pem");
        IssuerKeys created = IssuerKeys.loadOrCreate(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("-----BEGIN PRIVATE KEY-----");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END PRIVATE KEY-----");
        List<String> body = lines.subList(1, lines.size() - 1);
        assertThat(body.subList(0, body.size() - 1)).allSatisfy(l -> assertThat(l).hasSize(64));
        assertThat(body.get(body.size() - 1).length()).isBetween(1, 64);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        IssuerKeys loaded = IssuerKeys.loadOrCreate(file);
        assertThat(loaded.privateKey()).isEqualTo(created.privateKey());
        assertThat(loaded.publicKeyBase64()).isEqualTo(created.publicKeyBase64());
    }

    @Test
    void theOlderHeaderlessFormStillLoads(@TempDir Path dir) throws IOException {
        IssuerKeys created = IssuerKeys.loadOrCreate(dir.resolve("new.pem"));
        Path old = dir.resolve("old.pem");
        // What earlier versions wrote: MIME base64 (76-character lines, CRLF) and a newline, without PEM lines.
        Files.writeString(old, Base64.getMimeEncoder().encodeToString(created.privateKey().getEncoded()) + "\n");
        IssuerKeys loaded = IssuerKeys.loadOrCreate(old);
        assertThat(loaded.privateKey()).isEqualTo(created.privateKey());
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void anotherPemTypeIsRefusedWithTheExpectedHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rsa.pem");
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> IssuerKeys.loadOrCreate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected -----BEGIN PRIVATE KEY-----");
    }

    @Test
    void opensslReadsTheFileWhenItIsInstalled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("private-key.pem");
        IssuerKeys.loadOrCreate(file);
        Process p;
        try {
            p = new ProcessBuilder("openssl", "pkey", "-in", file.toString(), "-noout").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeThat(false).as("openssl is not installed").isTrue();
            return;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}

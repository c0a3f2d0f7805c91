package io.agora.gateway.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key of the embedded token issuer (local mode): created once and kept in the data folder, so that tokens
 * stay valid across restarts. The OIDC layer is given only the public half.
 */
public record IssuerKeys(PrivateKey privateKey, PublicKey publicKey) {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    /**
     * The key in {@code file} (PKCS#8 PEM, which openssl and other tools read), created with owner-only permissions
     * when missing. Files written before the PEM lines were added (bare base64) are still read.
     */
    public static IssuerKeys loadOrCreate(Path file) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(file)) {
                byte[] der = der(Files.readString(file), file);
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                return new IssuerKeys(key, rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(file.getParent());
            try {
                // Owner-only from the start: no moment in which others could read the key.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            Files.writeString(file, pem(pair.getPrivate()));
            return new IssuerKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("the issuer key in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM (RFC 7468): the DER in base64 lines of 64 characters between the BEGIN and END lines. */
    static String pem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    /** The DER in PEM text or in the older bare base64 (the MIME decoder skips the line breaks). */
    static byte[] der(String text, Path file) throws IOException {
        String body = text.strip();
        if (body.startsWith("-----")) {
            int begin = body.indexOf(BEGIN);
            int end = body.indexOf(END);
            if (begin != 0 || end < 0) {
                throw new IOException("the issuer key in " + file + " is not an unencrypted PKCS#8 key: expected " + BEGIN + " ... " + END);
            }
            body = body.substring(BEGIN.length(), end);
        }
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the issuer key in " + file + " is not base64: " + e.getMessage(), e);
        }
    }

    /** The public key as quarkus.oidc.public-key expects it (base64 X.509). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}

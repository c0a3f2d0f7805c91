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

    /** The key in {@code file} (PKCS#8, base64), created with owner-only permissions when missing. */
    public static IssuerKeys loadOrCreate(Path file) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(file)) {
                byte[] der = Base64.getMimeDecoder().decode(Files.readString(file).trim());
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                return new IssuerKeys(key, rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            return new IssuerKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("the issuer key in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The public key as quarkus.oidc.public-key expects it (base64 X.509). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}

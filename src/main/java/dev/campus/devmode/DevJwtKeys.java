package dev.campus.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * A throw-away RSA key pair for dev mode and tests, made once per JVM: the public key verifies tokens, the
 * private key signs the dev tokens of DevTokenResource and the tests' tokens. Production never has one; it
 * must be configured with the real issuer's key.
 */
public final class DevJwtKeys {

    public static final String ISSUER = "https://campus.dev.local";
    /** The audience dev and test tokens name, and the service expects there. */
    public static final String AUDIENCE = "campus";
    private static final String DIRECTORY_PROPERTY = "campus.dev-jwt.directory";

    private DevJwtKeys() {
    }

    /** Makes the key pair once per JVM and answers the settings that make the service trust it. */
    public static synchronized Map<String, String> start() {
        Path directory = directory();
        return Map.of("CAMPUS_JWT_ISSUER", ISSUER, "CAMPUS_JWT_AUDIENCE", AUDIENCE,
                "CAMPUS_JWT_PUBLIC_KEY_LOCATION", directory.resolve("public.pem").toUri().toString());
    }

    public static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(directory().resolve("private.pem"))
                    .replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path directory() {
        String existing = System.getProperty(DIRECTORY_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path directory = Files.createTempDirectory("campus-dev-jwt");
            Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            directory.toFile().deleteOnExit();
            directory.resolve("public.pem").toFile().deleteOnExit();
            directory.resolve("private.pem").toFile().deleteOnExit();
            System.setProperty(DIRECTORY_PROPERTY, directory.toString());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * The benchmark's credentials: a throw-away RSA 2048 key pair and bearer tokens (one of the service role unless told)
 * signed with it, as an identity provider would issue them (RS256). Run as a single-file program:
 *   java bench/Token.java OUT_DIR ISSUER LIFETIME_SECONDS [SUBJECT ROLE [SUBJECT ROLE ...]]
 * SUBJECT and ROLE default to campus-bench and service; a user role's subject must be a UUID (the user id).
 * Writes OUT_DIR/public.pem (X.509 SubjectPublicKeyInfo, for CAMPUS_JWT_PUBLIC_KEY_LOCATION), OUT_DIR/token
 * (the first token, compact JWT, one line) and OUT_DIR/token-2, token-3 ... for further SUBJECT ROLE pairs.
 * The private key never leaves this process.
 */
public class Token {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: Token OUT_DIR ISSUER LIFETIME_SECONDS [SUBJECT ROLE [SUBJECT ROLE ...]]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        long lifetime = Long.parseLong(args[2]);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("public.pem"), pem, StandardCharsets.US_ASCII);

        int tokens = Math.max(1, (args.length - 3) / 2);
        for (int i = 0; i < tokens; i++) {
            String subject = args.length > 3 ? args[3 + 2 * i] : "campus-bench";
            String role = args.length > 3 ? args[4 + 2 * i] : "service";
            String token = sign(keys, issuer, lifetime, subject, role);
            Files.writeString(dir.resolve(i == 0 ? "token" : "token-" + (i + 1)), token + "\n", StandardCharsets.US_ASCII);
        }
    }

    private static String sign(KeyPair keys, String issuer, long lifetime, String subject, String role) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        // The issuer, subject and role come from the calling script; quotes and backslashes are escaped all the same.
        String claims = "{\"iss\":\"" + jsonEscape(issuer) + "\",\"aud\":\"campus\",\"sub\":\"" + jsonEscape(subject) + "\","
                + "\"groups\":[\"" + jsonEscape(role) + "\"],\"iat\":" + now + ",\"exp\":" + (now + lifetime) + "}";
        String signingInput = encode(header) + "." + encode(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

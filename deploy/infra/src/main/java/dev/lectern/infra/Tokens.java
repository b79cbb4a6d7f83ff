package dev.lectern.infra;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 bearer tokens for the local stack and for tests, with a key pair made on the spot. Tokens are
 * built and signed by smallrye-jwt-build; {@link #sign} alone writes a JWS by hand, because tests need
 * exactly the header and claims bytes they give, which a builder would normalise.
 *
 * <p>The key is never committed and never a production default: production verifies tokens against an
 * OIDC provider's key or JWKS, configured per deployment. The local stack's Keycloak imports this key as its
 * signing key ({@link Keycloak#realm}), so a token minted here with Keycloak's issuer is one Keycloak could have
 * issued: its {@code kid} is the key's id as Keycloak computes it, and the services find the key in Keycloak's JWKS.
 */
public final class Tokens {

    public static final String ISSUER = "https://lectern.local/issuer";
    public static final String AUDIENCE = "lectern";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private Tokens(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static Tokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new Tokens(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the pair {@link #save} wrote, or makes and saves a new one. */
    public static Tokens loadOrCreate(Path directory) {
        Path privatePem = directory.resolve("jwt-private.pem");
        Path publicPem = directory.resolve("jwt-public.pem");
        try {
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
                return new Tokens(privateKey, publicKey);
            }
            Tokens tokens = generate();
            tokens.save(directory);
            return tokens;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not read the local signing key in " + directory + ": " + e.getMessage(), e);
        }
    }

    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("jwt-private.pem"), pem("PRIVATE KEY", privateKey.getEncoded()));
        Files.writeString(directory.resolve("jwt-public.pem"), pem("PUBLIC KEY", publicKey.getEncoded()));
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The private key as PKCS#8 PEM, for an identity provider that is to sign with it (the local Keycloak). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** The key's id: base64url of the SHA-256 of its encoded public key, as Keycloak names an imported key. */
    public String keyId() {
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token valid for an hour. */
    public String mint(String subject, List<String> groups) {
        return mint(ISSUER, subject, groups);
    }

    /** A token of {@code issuer} valid for an hour; a subject that is an email address is its email too. */
    public String mint(String issuer, String subject, List<String> groups) {
        return mint(issuer, subject, groups, subject.contains("@") ? subject : null, null, Duration.ofHours(1));
    }

    public String mint(String subject, List<String> groups, String email, String name, Duration ttl) {
        return mint(ISSUER, subject, groups, email, name, ttl);
    }

    /** A token of another issuer: the local Keycloak's, or one the services must refuse. */
    public String mint(String issuer, String subject, List<String> groups, String email, String name, Duration ttl) {
        Instant now = Instant.now();
        // iat, exp and jti are set here, not left to the builder's defaults, which read their lifespan from the
        // configuration of whatever JVM mints the token (a service's, in its tests).
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(ttl).getEpochSecond())
                .groups(new LinkedHashSet<>(groups));
        if (email != null) {
            claims.claim("email", email);
        }
        if (name != null) {
            claims.claim("name", name);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).type("JWT").keyId(keyId()).sign(privateKey);
    }

    /** Signs arbitrary header and claims: tests use it to make tokens that must be refused. */
    public String sign(String headerJson, String claimsJson) {
        String signingInput = base64Url(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}

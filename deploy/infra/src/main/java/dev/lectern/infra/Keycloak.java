package dev.lectern.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real OpenID Connect provider for the local stack and the browser tests: Keycloak's server distribution
 * ({@code org.keycloak:keycloak-quarkus-dist}, from Maven Central) in {@code start-dev} mode with an in-memory
 * database, the Lectern realm ({@code deploy/keycloak/lectern-realm.json}) imported at every start.
 *
 * <p>The realm is imported with the local signing key of {@link Tokens} as its only signing key, so the tokens
 * Keycloak issues after a sign-in and those {@code ./lectern token} mints with Keycloak's issuer are the same kind
 * of token, verified by the services through Keycloak's JWKS. Keycloak needs Java 21 or newer; Lectern itself
 * runs on 17, so {@link #findJavaHome} looks for one.
 */
public final class Keycloak {

    public static final String REALM = "lectern";
    public static final String CLIENT_ID = "lectern-web";
    public static final int MINIMUM_JAVA = 21;
    /** Names the JDK Keycloak runs on; without it, the newest JDK 21+ found. */
    public static final String JAVA_HOME_VARIABLE = "LECTERN_KEYCLOAK_JAVA_HOME";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final Path home;
    private final int port;
    private final Path logFile;
    private Process process;

    private Keycloak(Path home, int port, Path logFile) {
        this.home = home;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * The JDK to run Keycloak on: {@value #JAVA_HOME_VARIABLE} if set (it must be 21 or newer), else the newest
     * JDK 21+ among this JVM's, {@code JAVA_HOME} and {@code /usr/lib/jvm/*}; empty when there is none.
     */
    public static Optional<Path> findJavaHome() {
        String chosen = System.getenv(JAVA_HOME_VARIABLE);
        if (chosen != null && !chosen.isBlank()) {
            Path home = Path.of(chosen);
            if (majorVersion(home) < MINIMUM_JAVA) {
                throw new IllegalStateException(JAVA_HOME_VARIABLE + "=" + chosen + " is not a JDK " + MINIMUM_JAVA
                        + " or newer (Keycloak needs one)");
            }
            return Optional.of(home);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(h -> !h.isBlank()).map(Path::of).ifPresent(candidates::add);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                homes.sorted().forEach(candidates::add);
            } catch (IOException e) {
                // an unreadable /usr/lib/jvm offers no candidate
            }
        }
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> majorVersion(home) >= MINIMUM_JAVA)
                .max(Comparator.comparingInt(Keycloak::majorVersion));
    }

    /** A JDK's major version from its {@code release} file (0 when it has none). */
    static int majorVersion(Path javaHome) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Unpacks the distribution zip into the directory, unless it is already there, and returns Keycloak's home
     * ({@code keycloak-VERSION}). The scripts in {@code bin} are made executable; a half-done unpack is redone.
     */
    public static Path unpack(Path zip, Path directory) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution " + zip + " does not exist");
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            String top = archive.stream().map(ZipEntry::getName).filter(n -> n.endsWith("/bin/kc.sh")).findFirst()
                    .map(n -> n.substring(0, n.indexOf('/')))
                    .orElseThrow(() -> new IllegalStateException(zip + " is not a Keycloak server distribution"));
            Path home = directory.resolve(top).toAbsolutePath().normalize();
            Path marker = home.resolve(".unpacked");
            if (Files.exists(marker)) {
                return home;
            }
            deleteTree(home);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = directory.resolve(entry.getName()).toAbsolutePath().normalize();
                if (!target.startsWith(home)) {
                    throw new IllegalStateException(zip + " has an entry outside " + top + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().endsWith(".sh")) {
                    target.toFile().setExecutable(true);
                }
            }
            Files.writeString(marker, zip.getFileName().toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip, e);
        }
    }

    /**
     * The realm to import: the committed realm with its web client's redirect URIs and web origins set to the
     * app's origins, and the signing key of {@code signingKey} as the realm's only signing key.
     */
    public static String realm(Path template, Tokens signingKey, List<String> appOrigins) {
        try {
            ObjectNode realm = (ObjectNode) JSON.readTree(template.toFile());
            for (JsonNode client : realm.withArrayProperty("clients")) {
                if (CLIENT_ID.equals(client.path("clientId").asText())) {
                    ObjectNode web = (ObjectNode) client;
                    ArrayNode redirects = web.putArray("redirectUris");
                    ArrayNode origins = web.putArray("webOrigins");
                    appOrigins.forEach(origin -> {
                        redirects.add(origin + "/*");
                        origins.add(origin);
                    });
                    web.withObjectProperty("attributes").put("post.logout.redirect.uris",
                            String.join("##", appOrigins.stream().map(origin -> origin + "/*").toList()));
                }
            }
            // An imported key (Keycloak's "rsa" provider): Keycloak adds the certificate itself. With a key provider
            // in the import, Keycloak generates none of its own, so this is the one key in the realm's JWKS.
            ObjectNode key = JSON.createObjectNode();
            key.put("name", "lectern-local-rsa");
            key.put("providerId", "rsa");
            ObjectNode config = key.putObject("config");
            Map.of("priority", "200", "enabled", "true", "active", "true", "algorithm", "RS256", "keyUse", "sig",
                    "privateKey", signingKey.privateKeyPem()).forEach((name, value) -> config.putArray(name).add(value));
            realm.withObjectProperty("components").putArray("org.keycloak.keys.KeyProvider").add(key);
            return JSON.writeValueAsString(realm);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the realm " + template, e);
        }
    }

    /** The demo users of a realm file, one line each: user name, email, groups, password. */
    public static List<String> demoUsers(Path realmFile) {
        List<String> lines = new ArrayList<>();
        for (JsonNode user : users(realmFile)) {
            String password = "";
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText();
                }
            }
            lines.add(String.format("%-10s %-22s %-30s password %s", user.path("username").asText(),
                    user.path("email").asText(), String.join(",", groups(user)), password));
        }
        return lines;
    }

    /**
     * Without Keycloak: for each demo user of the realm, the {@code ./lectern token} command whose token the local
     * sign-in takes, with the user's Keycloak id as subject, so the demo round's reviewer records match either way.
     */
    public static List<String> demoTokenCommands(Path realmFile) {
        List<String> lines = new ArrayList<>();
        for (JsonNode user : users(realmFile)) {
            for (String group : groups(user)) {
                String[] role = group.split(":", 2);
                String subject = "speaker".equals(role[0]) ? user.path("email").asText() : user.path("id").asText();
                lines.add(String.format("%-10s ./lectern token %s %s%s --email %s --name '%s %s'",
                        user.path("username").asText(), role[0], subject,
                        role.length > 1 ? " --event " + role[1] : "", user.path("email").asText(),
                        user.path("firstName").asText(), user.path("lastName").asText()));
            }
        }
        return lines;
    }

    private static JsonNode users(Path realmFile) {
        try {
            return JSON.readTree(realmFile.toFile()).path("users");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the realm " + realmFile, e);
        }
    }

    /** A realm user's groups, as role names: {@code /reviewer:ospocon-china-2023} is {@code reviewer:ospocon-china-2023}. */
    private static List<String> groups(JsonNode user) {
        List<String> groups = new ArrayList<>();
        user.path("groups").forEach(group -> groups.add(group.asText().replaceFirst("^/", "")));
        return groups;
    }

    /** Writes the realm where {@code --import-realm} reads it, replacing any realm file left there. */
    public static void installRealm(Path home, String realmJson) {
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (Stream<Path> old = Files.list(imports)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Files.writeString(imports.resolve(REALM + "-realm.json"), realmJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The arguments of {@code bin/kc.sh}: development mode (plain HTTP, an in-memory database) on the loopback
     * interface, with a fixed host name so the issuer is the same however a client reaches it, and the realm
     * imported. {@code ./lectern up} passes the same.
     */
    public static List<String> arguments(int port) {
        return List.of("start-dev", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=http://localhost:" + port, "--db=dev-mem", "--import-realm");
    }

    /** Starts Keycloak with the realm installed and waits until the realm's discovery document answers. */
    public static Keycloak start(Path home, Path javaHome, int port, Path logFile, Duration readyWithin) {
        Keycloak keycloak = new Keycloak(home, port == 0 ? KafkaBroker.freePort(1) : port, logFile);
        keycloak.launch(javaHome);
        // A test JVM that ends without its @AfterAll (a failed start, an interrupted run) leaves no server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "keycloak-stop"));
        keycloak.awaitReady(readyWithin);
        return keycloak;
    }

    private void launch(Path javaHome) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(arguments(port));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().remove("JAVA");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(discoveryUrl()))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready in " + timeout + "; see " + logFile);
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops Keycloak (SIGTERM, which kc.sh passes on to its JVM), and kills what is left after a minute. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle handle : all) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

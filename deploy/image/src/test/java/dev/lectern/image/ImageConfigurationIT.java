package dev.lectern.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads each image tarball the build wrote (docker save format: manifest.json, the config, the layers) and
 * checks what a container runtime would use: entrypoint, user, port, working directory, labels, and that the
 * application's files are where the entrypoint looks and cannot be changed by the user the service runs as.
 */
class ImageConfigurationIT {

    static final Path IMAGES = Path.of(System.getProperty("lectern.image.dir", "target"));
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"submission-service, 8080", "review-service, 8081"})
    void theImageStartsTheServiceAsANonRootUserOnItsPort(String service, int port) throws IOException {
        Map<String, byte[]> entries = read(Files.newInputStream(IMAGES.resolve(service + ".tar")));
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        assertEquals("lectern/" + service + ":" + System.getProperty("lectern.image.version"),
                manifest.at("/RepoTags/0").asText());
        JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText())).get("config");

        assertEquals(List.of("java", "-jar", "/deployments/quarkus-run.jar"),
                JSON.convertValue(config.get("Entrypoint"), List.class));
        assertEquals("10001:10001", config.get("User").asText());
        assertFalse(config.get("User").asText().startsWith("0"), "runs as root");
        assertEquals(List.of(port + "/tcp"), List.copyOf(JSON.convertValue(config.get("ExposedPorts"), Map.class).keySet()));
        assertEquals("/deployments", config.get("WorkingDir").asText());

        JsonNode labels = config.get("Labels");
        assertEquals(service, labels.path("org.opencontainers.image.title").asText());
        assertEquals(System.getProperty("lectern.image.version"), labels.path("org.opencontainers.image.version").asText());
        assertTrue(labels.path("org.opencontainers.image.revision").asText().matches("[0-9a-f]{40}|unknown"), labels.toString());
        assertFalse(labels.path("org.opencontainers.image.description").asText().isBlank());
        assertFalse(labels.path("org.opencontainers.image.created").asText().isBlank());

        Map<String, TarArchiveEntry> files = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new GZIPInputStream(new ByteArrayInputStream(entries.get(layer.asText()))))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    files.put(entry.getName().replaceFirst("^/", ""), entry);
                }
            }
        }
        assertTrue(files.containsKey("deployments/quarkus-run.jar"), "no quarkus-run.jar");
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("deployments/app/" + service + "-.*\\.jar")), "no application jar");
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith("deployments/lib/main/")), "no libraries");
        for (Map.Entry<String, TarArchiveEntry> file : files.entrySet()) {
            if (file.getKey().startsWith("deployments/")) {
                TarArchiveEntry entry = file.getValue();
                assertEquals(0, entry.getLongUserId(), file.getKey() + " is not root's");
                assertEquals(0, entry.getMode() & 0022, file.getKey() + " is writable by others");
            }
        }
        if (labels.path("org.opencontainers.image.base.name").asText().contains("(local)")) {
            // The base the build made itself: a JRE where PATH finds java, and the user in /etc/passwd.
            assertTrue(files.containsKey("opt/java/bin/java"), "the local base has no /opt/java/bin/java");
            assertTrue(config.path("Env").toString().contains("PATH=/opt/java/bin"), config.path("Env").toString());
            assertTrue(files.containsKey("etc/passwd"));
        }
    }

    private static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return entries;
    }
}

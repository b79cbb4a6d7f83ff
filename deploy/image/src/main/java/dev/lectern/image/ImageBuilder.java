package dev.lectern.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Builds the image of each service from its {@code target/quarkus-app} with Jib, as a {@code docker load}-able
 * tarball in this module's {@code target/}, without a Docker engine.
 *
 * <p>The application goes to {@code /deployments} in three layers, from the least to the most often changed:
 * the libraries ({@code lib/}), Quarkus' start jar and generated code ({@code quarkus-run.jar}, {@code quarkus/}),
 * the application's own jar ({@code app/}); so a code change ships only the last one. Files belong to root and
 * are read-only for the user the service runs as.
 *
 * <p>Arguments: the repository's root, the output directory, the version, and the base image (a registry
 * reference, {@code docker://name}, {@code tar:///path}, or {@code local} for {@link JreBase}).
 */
public final class ImageBuilder {

    /** The user the services run as: not root, and the same number the Kubernetes manifests ask for. */
    public static final String USER = "10001:10001";
    public static final String APPLICATION = "/deployments";

    record Service(String name, int port, String description) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("submission-service", 8080,
                    "Lectern's submission-service: events, proposals and their lifecycle, bulk import, the outbox relay"),
            new Service("review-service", 8081,
                    "Lectern's review-service: the blind projection, reviewers, assignment, reviews, ranking, selection"));

    private ImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args[0]).toAbsolutePath().normalize();
        Path target = Path.of(args[1]).toAbsolutePath();
        String version = args[2];
        String base = args[3];
        boolean localBase = base.equals("local");
        if (localBase) {
            base = "tar://" + JreBase.build(target.resolve("base"), Path.of(System.getProperty("java.home")));
        }
        Git git = Git.of(repository);
        for (Service service : SERVICES) {
            Path app = repository.resolve(service.name()).resolve("target/quarkus-app");
            if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(app + " has no quarkus-run.jar: build " + service.name() + " first");
            }
            Path tar = target.resolve(service.name() + ".tar");
            JibContainerBuilder image = Jib.from(base)
                    .setFileEntriesLayers(
                            layer("dependencies", app, path -> path.startsWith(app.resolve("lib"))),
                            layer("quarkus", app, path -> path.equals(app.resolve("quarkus-run.jar"))
                                    || path.startsWith(app.resolve("quarkus"))),
                            layer("application", app, path -> path.startsWith(app.resolve("app"))))
                    .setEntrypoint("java", "-jar", APPLICATION + "/quarkus-run.jar")
                    .setWorkingDirectory(AbsoluteUnixPath.get(APPLICATION))
                    .setUser(USER)
                    .setExposedPorts(Port.tcp(service.port()))
                    .setCreationTime(git.commitTime())
                    .setLabels(labels(service, version, git, base));
            Containerizer containerizer = Containerizer.to(TarImage.at(tar).named("lectern/" + service.name() + ":" + version))
                    .setBaseImageLayersCache(target.resolve("jib-cache/base"))
                    .setApplicationLayersCache(target.resolve("jib-cache/application"))
                    .setOfflineMode(localBase || base.startsWith("tar://"))
                    .setToolName("lectern-image");
            String digest = image.containerize(containerizer).getDigest().toString();
            System.out.println("[lectern-image] " + tar + " (" + digest + ") on " + base);
        }
    }

    private static Map<String, String> labels(Service service, String version, Git git, String base) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", service.name());
        labels.put("org.opencontainers.image.description", service.description());
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", git.revision());
        labels.put("org.opencontainers.image.created", git.commitTime().toString());
        labels.put("org.opencontainers.image.vendor", "Lectern");
        labels.put("org.opencontainers.image.base.name", base.startsWith("tar://") ? "lectern/jre-base (local)" : base);
        git.source().ifPresent(source -> labels.put("org.opencontainers.image.source", source));
        return labels;
    }

    /** The files of {@code app} that {@code belongs} picks, at the same place under /deployments. */
    private static FileEntriesLayer layer(String name, Path app, Predicate<Path> belongs) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(belongs).sorted().toList()) {
                AbsoluteUnixPath into = AbsoluteUnixPath.get(APPLICATION).resolve(app.relativize(file).toString());
                layer.addEntry(file, into, Files.isDirectory(file) ? FilePermissions.fromOctalString("755")
                        : FilePermissions.fromOctalString("644"), Instant.EPOCH.plusSeconds(1));
            }
        }
        return layer.build();
    }
}

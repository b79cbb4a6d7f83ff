package dev.lectern.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A base image made on the build machine, for building where no registry can be reached: a JRE written by
 * {@code jlink} from the JDK that runs the build, the shared libraries it links against (glibc, zlib: found
 * with {@code ldd}) copied from the same machine, a {@code passwd} entry for the services' user and a {@code /tmp}.
 * No shell, no package manager. It is written as a {@code docker save} tarball and the services' images are
 * built on it through Jib's {@code tar://} base, as any other local base would be.
 *
 * <p>In production prefer a maintained JRE image from your registry: this one gets no security updates
 * but the build machine's.
 */
final class JreBase {

    /** What Quarkus and the services use: the Java SE modules, Unsafe, EC crypto, SASL/GSS for Kafka, JMX, zip
     * file systems, DNS, and the locale data of the two languages Lectern speaks. */
    static final String MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,"
            + "jdk.zipfs,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.net,jdk.localedata,jdk.charsets";
    static final String JAVA_HOME = "/opt/java";

    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    /** The JRE's graphics and sound libraries: a headless server never loads them, so the X11, font and image
     * libraries they link are left out. */
    private static final Pattern GRAPHICS = Pattern.compile("lib(awt|awt_xawt|jawt|splashscreen|fontmanager|jsound|lcms|javajpeg|mlib_image)\\.so");

    private JreBase() {
    }

    /** Writes the base image to {@code directory}/lectern-jre-base.tar and returns that path. */
    static Path build(Path directory, Path javaHome) throws Exception {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Path jre = directory.resolve("jre");
        Path jlink = javaHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink) || !Files.isDirectory(javaHome.resolve("jmods"))) {
            throw new IllegalStateException(javaHome + " cannot jlink a runtime (no jmods; on Debian install "
                    + "openjdk-17-jmods), or name a base image with -Dlectern.image.base");
        }
        run(jlink.toString(), "--add-modules", MODULES, "--include-locales=en,zh", "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=2", "--output", jre.toString());
        // Debian's JDK links its CA certificates to the system's; the JRE gets a copy of the file itself.
        Files.copy(javaHome.resolve("lib/security/cacerts").toRealPath(), jre.resolve("lib/security/cacerts"),
                StandardCopyOption.REPLACE_EXISTING);

        Path etc = Files.createDirectories(directory.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "lectern:x:10001:10001:Lectern:/tmp:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nlectern:x:10001:\n");
        Path tmp = Files.createDirectories(directory.resolve("tmp"));

        FileEntriesLayer.Builder system = FileEntriesLayer.builder().setName("system");
        for (String library : libraries(jre)) {
            system.addEntry(Path.of(library).toRealPath(), AbsoluteUnixPath.get(library),
                    FilePermissions.fromOctalString("755"), Instant.EPOCH.plusSeconds(1));
        }
        system.addEntry(etc.resolve("passwd"), AbsoluteUnixPath.get("/etc/passwd"));
        system.addEntry(etc.resolve("group"), AbsoluteUnixPath.get("/etc/group"));
        system.addEntry(tmp, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), Instant.EPOCH.plusSeconds(1));

        FileEntriesLayer.Builder runtime = FileEntriesLayer.builder().setName("jre");
        try (Stream<Path> files = Files.walk(jre)) {
            for (Path file : files.sorted().toList()) {
                boolean executable = Files.isDirectory(file) || file.getParent().getFileName().toString().equals("bin")
                        || file.getFileName().toString().equals("jspawnhelper");
                runtime.addEntry(file, AbsoluteUnixPath.get(JAVA_HOME).resolve(jre.relativize(file).toString()),
                        FilePermissions.fromOctalString(executable ? "755" : "644"), Instant.EPOCH.plusSeconds(1));
            }
        }
        Path tar = directory.resolve("lectern-jre-base.tar");
        Jib.fromScratch()
                .setFileEntriesLayers(system.build(), runtime.build())
                .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME, "PATH", JAVA_HOME + "/bin:/usr/bin:/bin", "LANG", "C.UTF-8"))
                .containerize(Containerizer.to(TarImage.at(tar).named("lectern/jre-base:" + Runtime.version().feature()))
                        .setBaseImageLayersCache(directory.resolve("jib-cache/base"))
                        .setApplicationLayersCache(directory.resolve("jib-cache/application"))
                        .setOfflineMode(true)
                        .setToolName("lectern-image"));
        System.out.println("[lectern-image] base " + tar + " from " + javaHome);
        return tar;
    }

    /** Every shared library an executable or library of the JRE loads, and the dynamic loader. */
    private static List<String> libraries(Path jre) throws IOException, InterruptedException {
        TreeSet<String> libraries = new TreeSet<>();
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(jre)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] magic = in.readNBytes(4);
                    boolean elf = magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
                    if (elf && !GRAPHICS.matcher(file.getFileName().toString()).matches()) {
                        elves.add(file);
                    }
                }
            }
        }
        for (Path elf : elves) {
            Matcher matcher = LIBRARY.matcher(run("ldd", elf.toString()));
            while (matcher.find()) {
                if (!matcher.group(1).startsWith(jre.toString())) {
                    libraries.add(matcher.group(1));
                }
            }
        }
        return new ArrayList<>(libraries);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        // ldd exits 1 for files that are not dynamic executables (none here, but say so if it happens).
        if (exit != 0 && !command[0].equals("ldd")) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + output);
        }
        return output;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

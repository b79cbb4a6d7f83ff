package dev.lectern.e2e;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for {@code localhost}, made with the JDK's keytool, in the forms servers and clients read. */
record Certificates(Path keyStore, String password, Path certificate, Path trustStore) {

    /** A key pair and its self-signed certificate in {@code directory}: key store, PEM certificate, trust store. */
    static Certificates selfSigned(Path directory, String name, String password) throws Exception {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve(name + ".p12");
        Path certificate = directory.resolve(name + ".crt");
        Path trustStore = directory.resolve(name + "-trust.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(),
                "-storepass", password, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", name + "-ca", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
        return new Certificates(keyStore, password, certificate, trustStore);
    }

    /** The private key as a PEM file (PKCS#8) readable by its owner only, as PostgreSQL wants its ssl_key_file. */
    Path privateKeyPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        String alias = store.aliases().nextElement();
        Key key = store.getKey(alias, password.toCharArray());
        Path pem = keyStore.resolveSibling(alias + ".key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        return pem;
    }

    static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + ": " + output);
        }
    }
}

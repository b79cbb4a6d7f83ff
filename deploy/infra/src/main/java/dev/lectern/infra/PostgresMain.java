package dev.lectern.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack's PostgreSQL until this JVM is told to stop: {@code PostgresMain PORT DATA_DIR}.
 * Durable settings (fsync and synchronous commit on); the data directory survives {@code down}/{@code up}.
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        Postgres postgres = Postgres.start(port, dataDir, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.close();
            stopped.countDown();
        }, "postgres-stop"));
        System.out.println("PostgreSQL ready on port " + postgres.port() + ", data in " + dataDir
                + " (fsync=on, synchronous_commit=on)");
        stopped.await();
    }
}

package dev.lectern.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at the embedded PostgreSQL and Kafka of this JVM, and at the test
 * signing key. Init arg {@code database}: the service's database name.
 */
public class LecternTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "lectern_submission";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestInfrastructure.jdbcUrl(database));
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", Postgres.PASSWORD);
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        // The key itself, not a location: in test mode smallrye-jwt otherwise installs a generated key of its own.
        config.put("mp.jwt.verify.publickey", TestInfrastructure.tokens().publicKeyPem());
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        config.put("mp.jwt.verify.audiences", Tokens.AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        // PostgreSQL and Kafka live as long as the test JVM: other test classes reuse them.
    }
}

package dev.lectern.review;

import dev.lectern.infra.LecternTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test in this module runs against the embedded PostgreSQL and Kafka of the test JVM. */
@QuarkusTestResource(value = LecternTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "lectern_review"))
public final class TestInfra {

    private TestInfra() {
    }
}

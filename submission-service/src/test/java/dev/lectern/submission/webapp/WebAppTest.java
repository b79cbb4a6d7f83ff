package dev.lectern.submission.webapp;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web app is served at / with its bundle, and its runtime configuration at /app-config.json. */
@QuarkusTest
class WebAppTest {

    @Test
    void theAppIsServedAtTheRootWithItsBundle() {
        String index = given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(index.contains("<lectern-app>"), index);
        Matcher script = Pattern.compile("src=\"(/static/bundle/[^\"]+\\.js)\"").matcher(index);
        assertTrue(script.find(), "the index names its bundle: " + index);
        String bundle = given().when().get(script.group(1)).then().statusCode(200).extract().asString();
        // The generated client is in the bundle: an operation the pages call, by its path.
        assertTrue(bundle.contains("/api/me/proposals"), "the bundle holds the generated client");
    }

    @Test
    void theRuntimeConfigurationNamesReviewServiceAndNoProviderByDefault() {
        given().when().get("/app-config.json").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("submissionApi", equalTo(""))
                .body("reviewApi", equalTo("http://localhost:8081"))
                .body("oidc", nullValue())
                .body("localSignIn", equalTo(false));
    }
}

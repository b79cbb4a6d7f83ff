package dev.lectern.submission;

import dev.lectern.infra.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI document is the committed contract (docs/openapi/), which the web app's client is
 * generated from, and is ready for a frontend: every operation has an operationId, a summary, its security
 * and who may call it, and its problem responses ({@link OpenApiContract}). Run with -Dlectern.openapi.write=true
 * to rewrite the file.
 */
@QuarkusTest
class OpenApiContractTest {

    static final String SERVICE = "submission-service";
    static final String OTHER = "review-service";

    @Test
    void theServedDocumentIsTheCommittedContract() throws IOException {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertNull(OpenApiContract.differenceFromCommitted(SERVICE, served));
    }

    @Test
    void everyOperationIsReadyForAFrontend() throws IOException {
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Apache-2.0", document.getString("info.license.name"));
        assertFalse(document.getList("servers.url").isEmpty(), "no servers entry");
        assertEquals("bearer", document.getString("components.securitySchemes.jwt.scheme"));
        List<String> problems = OpenApiContract.operationProblems(document.getMap("paths"), OTHER);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}

package dev.lectern.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The messages review-service's tests feed it are the ones submission-service's contract describes:
 * every example validates against its schema in docs/events, so the consumer is tested on real shapes.
 */
class ConsumedExamplesContractTest {

    static final Path EVENTS = Path.of("..", "docs", "events");
    static final ObjectMapper JSON = new ObjectMapper();

    static void assertValid(String type, String json) throws IOException {
        JsonNode schema = JSON.readTree(EVENTS.resolve(type + ".schema.json").toFile());
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        Set<ValidationMessage> errors = validator.validate(JSON.readTree(json));
        assertTrue(errors.isEmpty(), type + ": " + errors + " in " + json);
    }

    @Test
    void eventExampleMatchesTheEventCreatedSchema() throws IOException {
        assertValid("event.created.v1", Stream.eventJson("ospocon-china-2023", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"drafted", "submitted", "updated", "withdrawn", "confirmed", "declined", "decision-applied"})
    void proposalExampleMatchesEveryProposalSchema(String change) throws IOException {
        String people = "[{\"name\":\"韩梅梅\",\"email\":\"hanmeimei@example.com\",\"affiliation\":\"示例大学\",\"bio\":\"\"}]";
        assertValid("proposal." + change + ".v1", Stream.proposalJson(UUID.randomUUID().toString(), "ospocon-china-2023",
                2, "SUBMITTED", "如何从 0 到 1 构建 OSPO", "ospo-experience", people));
    }
}

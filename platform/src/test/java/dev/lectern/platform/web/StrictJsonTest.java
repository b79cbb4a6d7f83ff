package dev.lectern.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.lectern.platform.problem.ProblemMappers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The API reads JSON strictly: what a lenient reader would guess at is refused, with the field named. */
class StrictJsonTest {

    record Speaker(String name, String email) {
    }

    record Body(String title, int minutes, List<String> tags, List<Speaker> speakers, Map<String, Integer> scores) {
    }

    private final ObjectMapper mapper = strict();

    static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private JsonProcessingException refused(String json) {
        return assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
    }

    @Test
    void aWellFormedBodyIsRead() throws Exception {
        Body body = mapper.readValue("{\"title\":\"OSPO 101\",\"minutes\":30,\"tags\":[\"ospo\"],"
                + "\"speakers\":[{\"name\":\"李雷\",\"email\":\"lilei@example.com\"}],\"scores\":{\"clarity\":4}}", Body.class);
        assertEquals("李雷", body.speakers().get(0).name());
    }

    @Test
    void trailingContentAfterTheDocumentIsRefused() {
        refused("{\"title\":\"a\"} garbage");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsPath() {
        assertEquals("speakers[0].name", ProblemMappers.duplicateFieldPath(refused("{\"speakers\":[{\"name\":\"a\",\"name\":\"b\"}]}")));
        assertEquals("title", ProblemMappers.duplicateFieldPath(refused("{\"title\":\"a\",\"title\":\"b\"}")));
    }

    @Test
    void aNumberIsNotAStringNorAFractionAnInteger() {
        assertEquals("title", ProblemMappers.jsonPath((MismatchedInputException) refused("{\"title\":123}")));
        assertEquals("minutes", ProblemMappers.jsonPath((MismatchedInputException) refused("{\"minutes\":2.5}")));
        assertEquals("tags[0]", ProblemMappers.jsonPath((MismatchedInputException) refused("{\"tags\":[true]}")));
    }

    @Test
    void aNulOrALoneSurrogateInAnyStringIsRefusedWithItsField() {
        RefusedText nul = assertInstanceOf(RefusedText.class, refused("{\"speakers\":[{\"name\":\"a\\u0000b\"}]}"));
        assertEquals(Text.NUL, nul.code());
        assertEquals("speakers[0].name", ProblemMappers.jsonPath(nul));
        RefusedText surrogate = assertInstanceOf(RefusedText.class, refused("{\"tags\":[\"ok\",\"\\ud800\"]}"));
        assertEquals(Text.LONE_SURROGATE, surrogate.code());
        assertEquals("tags[1]", ProblemMappers.jsonPath(surrogate));
        assertInstanceOf(RefusedText.class, refused("{\"scores\":{\"a\\u0000\":1}}"));
    }
}

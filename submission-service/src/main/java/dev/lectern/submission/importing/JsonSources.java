package dev.lectern.submission.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemMappers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/** JSON (one array) and NDJSON (one object per line) import files, read one record at a time. */
final class JsonSources {

    /** Longest NDJSON line accepted, so that a file without line breaks cannot fill the heap. */
    static final int MAX_LINE = 1 << 20;

    private JsonSources() {
    }

    /** An array of proposals; a record's line is its index in the array plus one. */
    static ImportSource array(ObjectMapper mapper, Reader body) throws IOException {
        java.io.PushbackReader reader = new java.io.PushbackReader(body, 1);
        int first;
        try {
            first = reader.read();
        } catch (CharacterCodingException e) {
            throw encoding(1);
        }
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        JsonParser parser = mapper.getFactory().createParser(reader);
        if (nextToken(parser, 0) != JsonToken.START_ARRAY) {
            throw new ImportFileException("import-malformed", 1, "the body must be a JSON array of proposals");
        }
        // One element at a time from the same parser: the elements after it are not trailing content.
        com.fasterxml.jackson.databind.ObjectReader element = mapper.reader()
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return new ImportSource() {
            long index;

            @Override
            public ImportItem next() throws IOException {
                JsonToken token = nextToken(parser, index + 1);
                if (token == JsonToken.END_ARRAY || token == null) {
                    return null;
                }
                index++;
                JsonNode node;
                try {
                    node = element.readTree(parser);
                } catch (JsonProcessingException e) {
                    throw malformed(e, index);
                } catch (CharacterCodingException e) {
                    throw encoding(index);
                }
                return toItem(mapper, node, index);
            }
        };
    }

    /** One proposal per line; blank lines are skipped; a line that is not JSON is a rejected record. */
    static ImportSource ndjson(ObjectMapper mapper, Reader reader) {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        JsonFactory factory = mapper.getFactory();
        return new ImportSource() {
            long line;

            @Override
            public ImportItem next() throws IOException {
                while (true) {
                    String text;
                    try {
                        text = LineReader.readLine(lines, MAX_LINE, line + 1);
                    } catch (CharacterCodingException e) {
                        throw encoding(line + 1);
                    }
                    if (text == null) {
                        return null;
                    }
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try (JsonParser parser = factory.createParser(text)) {
                        node = mapper.readTree(parser);
                        if (parser.nextToken() != null) {
                            return ImportItem.unreadable(line, null, List.of(new FieldError("$", "invalid-json", null)));
                        }
                    } catch (JsonProcessingException e) {
                        return ImportItem.unreadable(line, null, List.of(new FieldError("$", "invalid-json", null)));
                    }
                    return toItem(mapper, node, line);
                }
            }
        };
    }

    private static ImportItem toItem(ObjectMapper mapper, JsonNode node, long line) {
        if (node == null || !node.isObject()) {
            return ImportItem.unreadable(line, null, List.of(new FieldError("$", "not-an-object", null)));
        }
        try {
            return mapper.treeToValue(node, ImportedProposal.class).toItem(line);
        } catch (UnrecognizedPropertyException e) {
            return ImportItem.unreadable(line, externalId(node), List.of(new FieldError(ProblemMappers.jsonPath(e), "unknown-field", null)));
        } catch (dev.lectern.platform.web.RefusedText e) {
            // Text the API refuses everywhere (a NUL, a lone surrogate): the record is rejected, naming the field.
            return ImportItem.unreadable(line, externalId(node), List.of(new FieldError(ProblemMappers.jsonPath(e), e.code(), null)));
        } catch (JsonMappingException e) {
            return ImportItem.unreadable(line, externalId(node), List.of(new FieldError(ProblemMappers.jsonPath(e), "wrong-type", null)));
        } catch (JsonProcessingException e) {
            return ImportItem.unreadable(line, externalId(node), List.of(new FieldError("$", "invalid-json", null)));
        }
    }

    private static String externalId(JsonNode node) {
        JsonNode id = node.get("externalId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    private static JsonToken nextToken(JsonParser parser, long record) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e, record);
        } catch (CharacterCodingException e) {
            throw encoding(record);
        }
    }

    private static IOException malformed(JsonProcessingException e, long record) {
        if (e.getCause() instanceof CharacterCodingException) {
            return encoding(record);
        }
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new ImportFileException("import-malformed", record,
                "the JSON is not well-formed near record " + record + " (text line " + line + ")");
    }

    static ImportFileException encoding(long line) {
        return new ImportFileException("import-encoding", line, "the file is not valid text in the declared charset at or before line " + line);
    }
}

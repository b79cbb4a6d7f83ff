package dev.lectern.submission.importing;

import dev.lectern.platform.problem.ProblemMappers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.importing.ImportService.Format;
import dev.lectern.submission.importing.ImportService.Mode;
import dev.lectern.submission.importing.ImportService.Options;
import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.submission.security.Permissions;
import dev.lectern.submission.security.Requires;
import dev.lectern.submission.security.Permissions.Action;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Bulk import of an event's proposals (organizers): JSON array, NDJSON or CSV, read as it arrives on a
 * worker thread. See docs/import.md.
 */
@Path("/api/events/{event}/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    private static final int READ_BUFFER = 64 * 1024;

    @Inject
    ImportService service;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ObjectMapper mapper;

    @POST
    @Requires(Action.EVENT_IMPORT)
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, CSV})
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = ImportReport.class, responseCode = "201", responseDescription = "The report, records at Location (200 for a dry run; with Accept: application/x-ndjson one line per record, then the report)")
    @Operation(operationId = "importProposals", summary = "Import proposals from JSON, NDJSON or CSV; repeatable by externalId (organizer of the event)")
    public Response start(@PathParam("event") String slug, @QueryParam("dryRun") String dryRun,
                          @QueryParam("mode") String mode, @QueryParam("charset") String charsetName,
                          HttpHeaders headers, InputStream body) throws IOException {
        Caller caller = currentCaller.get();
        Event event = service.event(slug);
        MediaType type = headers.getMediaType();
        Options options = new Options(format(type), mode(mode), flag("dryRun", dryRun),
                ProblemMappers.locale(headers));
        Charset charset = charset(charsetName != null ? charsetName : type.getParameters().get(MediaType.CHARSET_PARAMETER));
        BufferedReader reader = decode(body, charset);

        if (wantsNdjson(headers)) {
            StreamingOutput stream = output -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                ImportReport summary = service.run(event, caller.subject(), options, reader, new ImportService.Sink() {
                    @Override
                    public void record(ImportReport.Outcome outcome) throws IOException {
                        writer.write(mapper.writeValueAsString(outcome));
                        writer.write('\n');
                    }

                    @Override
                    public void batchDone() throws IOException {
                        writer.flush();
                    }
                });
                writer.write(mapper.writeValueAsString(summary));
                writer.write('\n');
                writer.flush();
            };
            return Response.ok(stream, NDJSON).build();
        }

        ImportReport report = service.run(event, caller.subject(), options, reader, outcome -> {
        });
        if (report.error() != null && !"import-rolled-back".equals(report.error().code())) {
            // The file could not be read to its end: a 400 that names the line and where the report is.
            throw new ProblemException(400, report.error().code(), report.error().line(), report.error().detail(),
                    report.counts().total(), report.recordsUrl() == null ? "-" : report.recordsUrl(), charset.name());
        }
        return Response.status(report.id() == null ? 200 : 201)
                .header("Location", report.recordsUrl())
                .entity(report)
                .build();
    }

    @GET
    @Requires(Action.EVENT_IMPORT)
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "listImports", summary = "The event's imports, newest first, with their counts (organizer of the event)")
    public List<ImportReport> list(@PathParam("event") String slug) {
        return service.list(service.event(slug));
    }

    @GET
    @Requires(Action.EVENT_IMPORT)
    @Path("/{id}")
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @Operation(operationId = "getImport", summary = "An import's counts so far and its records, 1000 at a time: ?after=<next>&outcome=rejected (organizer of the event)")
    public ImportReport get(@PathParam("event") String slug, @PathParam("id") UUID id,
                            @QueryParam("outcome") String outcome, @QueryParam("after") String after,
                            @QueryParam("limit") String limit) {
        return service.get(service.event(slug), id, outcome, number("after", after, 0, 0, Integer.MAX_VALUE),
                number("limit", limit, 1000, 1, 1000));
    }

    static Format format(MediaType type) {
        if (type == null) {
            throw new ProblemException(415, "unsupported-media-type");
        }
        String subtype = type.getType() + "/" + type.getSubtype();
        return switch (subtype.toLowerCase(Locale.ROOT)) {
            case MediaType.APPLICATION_JSON -> Format.JSON;
            case NDJSON -> Format.NDJSON;
            case CSV -> Format.CSV;
            default -> throw new ProblemException(415, "unsupported-media-type");
        };
    }

    static Mode mode(String mode) {
        if (mode == null || mode.equals(Mode.PARTIAL.label)) {
            return Mode.PARTIAL;
        }
        if (mode.equals(Mode.ALL_OR_NOTHING.label)) {
            return Mode.ALL_OR_NOTHING;
        }
        throw new ProblemException(400, "bad-parameter", "mode", "partial, all-or-nothing");
    }

    static boolean flag(String name, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ProblemException(400, "bad-parameter", name, "true, false");
    }

    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ProblemException(400, "bad-parameter", name, min + ".." + max);
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(415, "unsupported-charset", name);
        }
    }

    /**
     * Decodes strictly: bytes that are not valid in the charset stop the import with a clear error instead
     * of becoming replacement characters. A leading byte-order mark is dropped.
     */
    static BufferedReader decode(InputStream body, Charset charset) {
        return new BufferedReader(new InputStreamReader(new ArrivedOnly(body), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), READ_BUFFER);
    }

    /**
     * Hands the decoder what has arrived instead of a full buffer. The JDK's decoder keeps reading, and
     * blocking, while {@code available()} is positive. Over the request stream it did not return until its
     * buffer was full, so the import saw records only in steps of several kilobytes: its progress trailed the
     * upload (by about 260 short records, measured), and the last records of an upload that paused waited
     * for more bytes. ImportDisconnectTest's all-or-nothing case waits for that progress.
     */
    private static final class ArrivedOnly extends FilterInputStream {
        ArrivedOnly(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static boolean wantsNdjson(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                        && (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(NDJSON));
    }
}

package dev.lectern.review.ranking;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemResponses;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.review.security.Permissions;
import dev.lectern.review.web.CsvCells;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Path("/api/events/{event}/ranking")
@Tag(name = "Ranking and selection")
public class RankingResource {

    public static final String TEXT_CSV = "text/csv";

    @Inject
    RankingService service;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Transactional
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Extension(name = ProblemResponses.ROLES, value = "[\"organizer\", \"organizer:{event}\"]", parseValue = true)
    @APIResponseSchema(value = RankingView.class, responseDescription = "The ranking; CSV with format=csv or Accept: text/csv")
    @Operation(operationId = "getRanking", summary = "The event's ranking (organizer): review count, weighted mean, median, calibrated score, "
            + "spread, discuss flag, rank overall and in track, explanation; blind unless identities=true; "
            + "CSV with format=csv or Accept: text/csv")
    public Response get(@PathParam("event") String event, @QueryParam("key") @DefaultValue("calibrated") String key,
                        @QueryParam("track") String track,
                        @QueryParam("identities") @DefaultValue("false") boolean identities,
                        @QueryParam("format") String format, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        Permissions.require(currentCaller.get(), Permissions.Action.RANKING_READ, event);
        RankingOptions.Key rankingKey = key(key);
        boolean csv = wantsCsv(format, headers);
        RankingService.EventRanking ranked = service.rank(event, rankingKey);
        List<RankingView.Line> lines = new ArrayList<>();
        for (RankedProposal p : ranked.ranking().proposals()) {
            if (track != null && !track.equals(p.track())) {
                continue;
            }
            ProposalContent content = ranked.proposals().get(p.proposalId());
            lines.add(RankingView.Line.of(p, content, identities ? speakers(content) : null));
        }
        Ranking ranking = ranked.ranking();
        if (csv) {
            return csv(event, lines, identities);
        }
        return Response.ok(new RankingView(event, rankingKey.name().toLowerCase(Locale.ROOT), identities,
                ranking.options().minReviewsToCalibrate(), ranking.pooledMean(), ranking.pooledStdDev(), lines,
                ranking.reviewers()), MediaType.APPLICATION_JSON).build();
    }

    /** {@code raw} or {@code calibrated}; anything else is a 400 naming the parameter. */
    public static RankingOptions.Key key(String key) {
        if (key == null) {
            return RankingOptions.Key.CALIBRATED;
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "raw" -> RankingOptions.Key.RAW;
            case "calibrated" -> RankingOptions.Key.CALIBRATED;
            default -> throw new ProblemException(400, "validation-failed",
                    List.of(new FieldError("key", "invalid", null)));
        };
    }

    /** CSV when {@code format=csv}, or when the client prefers text/csv to JSON. */
    public static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ProblemException(400, "validation-failed",
                        List.of(new FieldError("format", "invalid", null)));
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    private static List<ProposalIdentity.SpeakerIdentity> speakers(ProposalContent content) {
        ProposalIdentity identity = ProposalIdentity.findById(content.id);
        return identity == null ? List.of() : identity.speakers;
    }

    private static Response csv(String event, List<RankingView.Line> lines, boolean identities) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("rank", "rankInTrack", "proposalId", "title", "track", "format",
                "status", "reviewCount", "weightedMean", "median", "calibratedScore", "spread", "discuss"));
        if (identities) {
            header.addAll(List.of("speakers", "emails", "affiliations"));
        }
        header.add("notes");
        out.append(CsvCells.row(header));
        for (RankingView.Line line : lines) {
            List<Object> row = new ArrayList<>(List.of(
                    line.rank() == null ? "" : line.rank(), line.rankInTrack() == null ? "" : line.rankInTrack(),
                    line.proposalId(), line.title(), line.track(), line.format(), line.status(), line.reviewCount(),
                    CsvCells.number(line.weightedMean()), CsvCells.number(line.median()),
                    CsvCells.number(line.calibratedScore()), CsvCells.number(line.spread()), line.discuss()));
            if (identities) {
                row.add(line.speakers().stream().map(ProposalIdentity.SpeakerIdentity::name).collect(Collectors.joining("; ")));
                row.add(line.speakers().stream().map(ProposalIdentity.SpeakerIdentity::email).collect(Collectors.joining("; ")));
                row.add(line.speakers().stream().map(s -> s.affiliation() == null ? "" : s.affiliation())
                        .collect(Collectors.joining("; ")));
            }
            row.add(String.join("; ", line.explanation().notes()));
            out.append(CsvCells.row(row));
        }
        return attachment(out.toString(), event + "-ranking.csv");
    }

    /** A CSV download in UTF-8. */
    public static Response attachment(String csv, String filename) {
        return Response.ok(csv, TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}

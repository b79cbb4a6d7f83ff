package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.lectern.review.projection.Fields.number;
import static dev.lectern.review.projection.Fields.optionalText;
import static dev.lectern.review.projection.Fields.require;
import static dev.lectern.review.projection.Fields.strings;
import static dev.lectern.review.projection.Fields.text;
import static dev.lectern.review.projection.Fields.uuid;

/**
 * One proposal event from {@code cfp.proposals}, checked and read: everything review-service keeps of a
 * proposal at one version. {@link #of} refuses (as {@link MalformedEventException}) a message that could
 * never be applied, before anything touches the database.
 */
public record ProposalChange(String messageId, UUID id, long version, String status, String eventSlug,
                             String title, String abstractText, String description, String format, String track,
                             String language, List<String> tags, List<ProposalIdentity.SpeakerIdentity> speakers,
                             String notes, String decisionId, String decisionSource, String traceparent) {

    /** A change that applies no decision (a speaker's step, an edit, an import). */
    public ProposalChange(String messageId, UUID id, long version, String status, String eventSlug, String title,
                          String abstractText, String description, String format, String track, String language,
                          List<String> tags, List<ProposalIdentity.SpeakerIdentity> speakers, String notes) {
        this(messageId, id, version, status, eventSlug, title, abstractText, description, format, track, language,
                tags, speakers, notes, null, null, null);
    }

    static final String TYPE_PREFIX = "dev.lectern.proposal.";
    static final Set<String> CHANGES = Set.of(
            "drafted", "submitted", "updated", "withdrawn", "confirmed", "declined", "decision-applied");
    /** Not a change of the proposal: submission-service refused a decision ({@link DecisionRefusal}). */
    static final String REFUSED = TYPE_PREFIX + "decision-refused.v1";

    public static ProposalChange of(IncomingEvent incoming, String topic) {
        String type = incoming.type();
        if (type == null || !type.startsWith(TYPE_PREFIX) || !type.endsWith(".v1")
                || type.length() <= TYPE_PREFIX.length() + 3
                || !CHANGES.contains(type.substring(TYPE_PREFIX.length(), type.length() - 3))) {
            throw new MalformedEventException("unknown event type '" + type + "' on " + topic);
        }
        JsonNode data = incoming.data();
        UUID id = uuid(data, "id");
        if (!id.toString().equals(incoming.key())) {
            throw new MalformedEventException("key '" + incoming.key() + "' is not the proposal id '" + id + "'");
        }
        long version = number(data, "version");
        String status = text(data, "status");
        if (!ProposalStatus.known(status)) {
            throw new MalformedEventException("unknown status '" + status + "'");
        }
        JsonNode decision = data.get("decision");
        String decisionId = null;
        String decisionSource = null;
        if (decision != null && !decision.isNull()) {
            decisionId = text(decision, "id");
            decisionSource = optionalText(decision, "source");
            if (!ProposalStatus.of(status).isDecision()) {
                throw new MalformedEventException("a change that applies a decision has status '" + status + "'");
            }
        }
        return new ProposalChange(incoming.id(), id, version, status, text(data, "event"), text(data, "title"),
                text(data, "abstract"), optionalText(data, "description"), text(data, "format"), text(data, "track"),
                text(data, "language"), strings(data, "tags"), speakers(data), optionalText(data, "notes"),
                decisionId, decisionSource, incoming.traceparent());
    }

    /**
     * Whether applying this change does more than store it: a withdrawn proposal's assignments are cancelled,
     * and a withdrawn or declined proposal frees its place for the waitlist.
     */
    public boolean freesItsPlace() {
        return ProposalStatus.of(status).freesAPlace();
    }

    private static List<ProposalIdentity.SpeakerIdentity> speakers(JsonNode data) {
        JsonNode speakers = require(data, "speakers");
        if (!speakers.isArray()) {
            throw new MalformedEventException("speakers is not an array");
        }
        List<ProposalIdentity.SpeakerIdentity> result = new ArrayList<>();
        for (JsonNode speaker : speakers) {
            result.add(new ProposalIdentity.SpeakerIdentity(text(speaker, "name"), text(speaker, "email"),
                    optionalText(speaker, "affiliation"), optionalText(speaker, "bio")));
        }
        return List.copyOf(result);
    }
}

package dev.lectern.review.decision;

import dev.lectern.review.outbox.EventTypes;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The decision on one proposal, and whether it has gone out on {@code cfp.decisions}. */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    /** The decisions that go out; the proposal's status in submission-service follows them. */
    public enum Kind {
        ACCEPTED(EventTypes.PROPOSAL_ACCEPTED),
        WAITLISTED(EventTypes.PROPOSAL_WAITLISTED),
        REJECTED(EventTypes.PROPOSAL_REJECTED);

        private final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }

    @Id
    public UUID proposalId;
    public String eventSlug;
    @Enumerated(EnumType.STRING)
    public Kind decision;
    public Integer rank;
    public Integer waitlistPosition;
    public boolean pinned;
    /** Goes up each time the decision changes, so consumers can ignore a stale one. */
    public long version;
    public Instant decidedAt;
    public Instant publishedAt;
    /** The CloudEvent id that carried the published version; null if publishing had nothing to send. */
    public UUID publishedMessageId;
    /** When an accepted speaker declined or withdrew: the decision stays, its place is free again. */
    public Instant releasedAt;

    public boolean holdsPlace() {
        return decision == Kind.ACCEPTED && releasedAt == null;
    }
}

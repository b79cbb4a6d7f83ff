package dev.lectern.review.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A reviewer asked to review a proposal. Cancelled ones stay for the record; their reviews are kept. */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String CANCELLED = "CANCELLED";
    public static final String AUTOMATIC = "AUTOMATIC";
    public static final String MANUAL = "MANUAL";

    @Id
    public UUID id;
    @Column(name = "event_slug")
    public String eventSlug;
    @Column(name = "proposal_id")
    public UUID proposalId;
    @Column(name = "reviewer_id")
    public UUID reviewerId;
    public String origin;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;

    static Assignment active(String eventSlug, UUID proposalId, UUID reviewerId, String origin, Instant now) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.eventSlug = eventSlug;
        assignment.proposalId = proposalId;
        assignment.reviewerId = reviewerId;
        assignment.origin = origin;
        assignment.status = ACTIVE;
        assignment.createdAt = now;
        return assignment;
    }
}

package dev.lectern.review.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.UuidGenerator;

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
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;
    public String eventSlug;
    public UUID proposalId;
    public UUID reviewerId;
    public String origin;
    public String status;
    public Instant createdAt;
    public Instant cancelledAt;
    public String cancelReason;

    static Assignment active(String eventSlug, UUID proposalId, UUID reviewerId, String origin, Instant now) {
        Assignment assignment = new Assignment();
        assignment.eventSlug = eventSlug;
        assignment.proposalId = proposalId;
        assignment.reviewerId = reviewerId;
        assignment.origin = origin;
        assignment.status = ACTIVE;
        assignment.createdAt = now;
        return assignment;
    }
}

package dev.lectern.submission.proposal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "proposal")
public class Proposal extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID eventId;
    @Enumerated(EnumType.STRING)
    public ProposalStatus status;
    /** Grows by one with every change; the ETag, and the version consumers order events by. */
    public long version;
    public String title;
    @Column(name = "abstract")
    public String abstractText;
    public String description;
    public String format;
    public String track;
    public String language;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Speaker> speakers;
    public String notes;
    public String ownerSubject;
    public String externalId;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant submittedAt;
    /** An acceptance's respond-by time: not confirmed by then, it expires (DECLINED, reason EXPIRED). */
    public Instant respondBy;
    /** Why the proposal has its status, where the status alone does not say: EXPIRED for an offer that lapsed. */
    public String statusReason;

    public String etag() {
        return "\"" + version + "\"";
    }
}

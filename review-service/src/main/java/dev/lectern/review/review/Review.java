package dev.lectern.review.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A reviewer's scores for one proposal, with the weighted score kept alongside. */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "event_slug")
    public String eventSlug;
    @Column(name = "proposal_id")
    public UUID proposalId;
    @Column(name = "reviewer_id")
    public UUID reviewerId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> scores;
    @Column(name = "weighted_score")
    public BigDecimal weightedScore;
    public String comment;
    public int confidence;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

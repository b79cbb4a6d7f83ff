package dev.lectern.review.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.hibernate.annotations.UuidGenerator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A reviewer's scores for one proposal, with the weighted score kept alongside. */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;
    public String eventSlug;
    public UUID proposalId;
    public UUID reviewerId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> scores;
    public BigDecimal weightedScore;
    public String comment;
    public int confidence;
    public Instant createdAt;
    public Instant updatedAt;
}

package dev.lectern.review.reviewer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.hibernate.annotations.UuidGenerator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person reviewing one event, known by their token's subject. */
@Entity
@Table(name = "reviewer")
public class Reviewer extends PanacheEntityBase {

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;
    public String eventSlug;
    public String subject;
    public String name;
    public String email;
    public String affiliation;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tracks;
    public int maxAssignments;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> conflicts;
    public Instant createdAt;
    public Instant updatedAt;

    public static List<Reviewer> ofEvent(String eventSlug) {
        return list("eventSlug = ?1 ORDER BY id", eventSlug);
    }

    /** The reviewer in this event, or null: a reviewer of another event is not found here. */
    public static Reviewer inEvent(String eventSlug, UUID id) {
        Reviewer reviewer = findById(id);
        return reviewer == null || !reviewer.eventSlug.equals(eventSlug) ? null : reviewer;
    }
}

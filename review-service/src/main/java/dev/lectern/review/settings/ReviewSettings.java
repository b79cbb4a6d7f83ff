package dev.lectern.review.settings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How one event is reviewed. */
@Entity
@Table(name = "review_settings")
public class ReviewSettings extends PanacheEntityBase {

    @Id
    public String eventSlug;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Criterion> criteria;
    public int reviewsPerProposal;
    public boolean blind;
    @Enumerated(EnumType.STRING)
    public ReviewPhase phase;
    public Instant dueAt;
    public Instant updatedAt;

    public static Optional<ReviewSettings> forEvent(String eventSlug) {
        return Optional.ofNullable(findById(eventSlug));
    }

    /** Review is blind unless an organizer said otherwise. */
    public static boolean isBlind(String eventSlug) {
        return forEvent(eventSlug).map(settings -> settings.blind).orElse(true);
    }
}

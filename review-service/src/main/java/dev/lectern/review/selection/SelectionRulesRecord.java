package dev.lectern.review.selection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** The capacities of an event's last selection run, kept so a freed place is filled against them. */
@Entity
@Table(name = "selection_rules")
public class SelectionRulesRecord extends PanacheEntityBase {

    @Id
    public String eventSlug;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> trackCapacity;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> formatCapacity;
    public Integer maxAcceptedPerSpeaker;
    public Integer waitlistLength;
    public int requiredReviews;
    public String rankingKey;
    /** The time acceptances of this event must be confirmed by; null: submission-service's event decides. */
    public Instant respondBy;
    public Instant updatedAt;

    /** The rules without pins: pins decide a selection run, not who moves up later. */
    public SelectionRules rules() {
        return new SelectionRules(trackCapacity, formatCapacity, maxAcceptedPerSpeaker, requiredReviews, waitlistLength,
                Map.of());
    }
}

package dev.lectern.review.selection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "event_slug")
    public String eventSlug;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "track_capacity")
    public Map<String, Integer> trackCapacity;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "format_capacity")
    public Map<String, Integer> formatCapacity;
    @Column(name = "max_accepted_per_speaker")
    public Integer maxAcceptedPerSpeaker;
    @Column(name = "waitlist_length")
    public Integer waitlistLength;
    @Column(name = "required_reviews")
    public int requiredReviews;
    @Column(name = "ranking_key")
    public String rankingKey;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The rules without pins: pins decide a selection run, not who moves up later. */
    public SelectionRules rules() {
        return new SelectionRules(trackCapacity, formatCapacity, maxAcceptedPerSpeaker, requiredReviews, waitlistLength,
                Map.of());
    }
}

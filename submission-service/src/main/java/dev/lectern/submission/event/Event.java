package dev.lectern.submission.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An event (edition) with its tracks, formats, languages and CFP window. */
@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;
    public String slug;
    public String nameEn;
    public String nameZh;
    public String timeZone;
    public Instant cfpOpensAt;
    public Instant cfpClosesAt;
    /** The respond-by time of acceptances whose decision names none; null: offers do not expire. */
    public Instant respondBy;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Track> tracks;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Format> formats;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> languages;
    public String createdBy;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;

    /**
     * The event with this slug, read-only: no caller changes it (changes lock it by id), so Hibernate keeps no
     * snapshot of its JSON columns and does not check them at every flush.
     */
    public static Optional<Event> bySlug(String slug) {
        return find("slug", slug).withHint(HibernateHints.HINT_READ_ONLY, true).firstResultOptional();
    }

    public boolean cfpOpenAt(Instant now) {
        return !now.isBefore(cfpOpensAt) && now.isBefore(cfpClosesAt);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Optional<Format> format(String slug) {
        return formats.stream().filter(format -> format.slug().equals(slug)).findFirst();
    }

    public boolean hasTrack(String slug) {
        return tracks.stream().anyMatch(track -> track.slug().equals(slug));
    }
}

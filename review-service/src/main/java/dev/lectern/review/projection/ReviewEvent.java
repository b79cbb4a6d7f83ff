package dev.lectern.review.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event (edition) as submission-service announced it. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntityBase {

    @Id
    public String slug;
    public UUID eventId;
    public String nameEn;
    public String nameZh;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode tracks;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode formats;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> languages;
    public long version;
    public Instant updatedAt;
}

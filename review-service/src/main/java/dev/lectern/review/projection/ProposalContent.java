package dev.lectern.review.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What reviewers may see of a proposal. It has no field that names a person, by construction. */
@Entity
@Table(name = "proposal_content")
public class ProposalContent extends PanacheEntityBase {

    @Id
    public UUID id;
    public String eventSlug;
    public long version;
    public String status;
    public String title;
    @Column(name = "abstract")
    public String abstractText;
    public String description;
    public String format;
    public String track;
    public String language;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;
    public Instant updatedAt;
}

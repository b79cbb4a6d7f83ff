package dev.lectern.review.redaction;

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

/** An organizer-edited copy of a proposal's reviewer-visible text; the speaker's original is untouched. */
@Entity
@Table(name = "proposal_redaction")
public class ProposalRedaction extends PanacheEntityBase {

    @Id
    public UUID proposalId;
    public String title;
    @Column(name = "abstract")
    public String abstractText;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;
    /** The proposal version the organizer redacted; a later speaker edit makes the redaction stale. */
    public long basedOnVersion;
    public String redactedBy;
    public Instant updatedAt;
}

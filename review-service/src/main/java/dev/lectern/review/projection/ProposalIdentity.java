package dev.lectern.review.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;
import java.util.UUID;

/** Who a proposal's speakers are: for conflict checks and organizers only. */
@Entity
@Table(name = "proposal_identity")
public class ProposalIdentity extends PanacheEntityBase {

    @Id
    public UUID proposalId;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<SpeakerIdentity> speakers;
    public String notes;
    public long version;

    public record SpeakerIdentity(String name, String email, String affiliation, String bio) {
    }
}

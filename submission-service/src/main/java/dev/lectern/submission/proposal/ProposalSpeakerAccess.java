package dev.lectern.submission.proposal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One speaker of a proposal, by normalised email, allowed to act on it as its speaker ({@link SpeakerAccess}). */
@Entity
@Table(name = "proposal_speaker_access")
@IdClass(ProposalSpeakerAccess.Key.class)
public class ProposalSpeakerAccess {

    @Id
    public UUID proposalId;
    @Id
    public String principal;

    public record Key(UUID proposalId, String principal) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

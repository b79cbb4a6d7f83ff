package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Writes the submit path's new proposals, each with its speaker access and its event. Submissions that arrive
 * together share one transaction ({@link GroupCommit}): a handful of batched statements and one commit, instead
 * of four statements and a commit each. A submission that arrives alone is written alone, with the statements
 * deploy/bench/submission.pgbench.sql measures. Each caller returns once its proposal is committed.
 */
@ApplicationScoped
class NewProposals {

    /** The most submissions one transaction writes. */
    static final int MAX_BATCH = 64;

    /** A proposal to insert (its speakers get access to it) and its event for the outbox. */
    record NewProposal(Proposal proposal, Outbox.Message event) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    private GroupCommit<NewProposal> commits;

    @PostConstruct
    void start() {
        commits = new GroupCommit<>("proposal-writer", MAX_BATCH, this::writeAll);
    }

    @PreDestroy
    void stop() {
        commits.close();
    }

    /** Writes the proposal, its access and its event; returns once they are committed. */
    void write(NewProposal proposal) {
        commits.write(proposal);
    }

    private void writeAll(List<NewProposal> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (batch.size() == 1) {
                NewProposal alone = batch.get(0);
                ProposalRows.insert(em, mapper, alone.proposal());
                outbox.append(alone.event());
                return;
            }
            ProposalRows.insertAll(em, mapper, batch.stream().map(NewProposal::proposal).toList());
            outbox.appendAll(batch.stream().map(NewProposal::event).toList());
        });
    }
}

package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.security.Caller;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes proposals with plain JDBC statements on the session's connection, in its transaction: many at once with
 * batched statements for imports (a few round trips per batch instead of several per proposal), and new
 * proposals for submissions, one or several at once (without the entity machinery, which took a fifth of the
 * service's CPU per submission). Only for proposals the session does not manage (new ones, and those
 * {@link #byExternalIds} read as plain objects); the session would not see these writes.
 */
final class ProposalRows {

    /** The statements, derived from the one column list ({@link ProposalColumns}). */
    static final String INSERT = ProposalColumns.insert();
    static final String UPDATE = ProposalColumns.update();

    private ProposalRows() {
    }

    /*
     * ON CONFLICT DO NOTHING although nothing can conflict (the proposal is new and the principals distinct): the
     * statement stays the one deploy/bench/submission.pgbench.sql measures, and it is one row per principal.
     */
    private static final String GRANT = "INSERT INTO proposal_speaker_access (proposal_id, principal) "
            + "SELECT ?, unnest(CAST(? AS text[])) ON CONFLICT DO NOTHING";

    /** Inserts one new proposal and gives its speakers access to it: two statements, two round trips. */
    static void insert(EntityManager em, ObjectMapper mapper, Proposal proposal) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                ProposalColumns.bindInsert(insert, mapper, proposal);
                insert.executeUpdate();
            }
            try (PreparedStatement grant = connection.prepareStatement(GRANT)) {
                grant.setObject(1, proposal.id);
                grant.setArray(2, connection.createArrayOf("text", SpeakerAccess.principals(proposal.speakers).toArray()));
                grant.executeUpdate();
            }
        });
    }

    /**
     * Inserts new proposals, each giving its speakers access: one batched insert and one access statement for
     * all of them. The principals of one proposal are distinct, so nothing can conflict.
     */
    static void insertAll(EntityManager em, ObjectMapper mapper, List<Proposal> proposals) {
        em.unwrap(Session.class).doWork(connection -> {
            insert(connection, mapper, proposals);
            grantSpeakers(connection, proposals);
        });
    }

    /** Inserts {@code created}, updates {@code updated} (each one version ahead of its row) and resets their speaker access. */
    static void write(EntityManager em, ObjectMapper mapper, List<Proposal> created, List<Proposal> updated) {
        em.unwrap(Session.class).doWork(connection -> {
            insert(connection, mapper, created);
            update(connection, mapper, updated);
            List<Proposal> written = new ArrayList<>(created);
            written.addAll(updated);
            // Nothing can conflict: created proposals are new, updated ones lost their rows above, each proposal is in
            // a batch once.
            grantSpeakers(connection, written);
        });
    }

    /*
     * One probe of the (event_id, external_id) unique index per wanted id: the lateral subquery (LIMIT 1 keeps it
     * from being flattened into a join) leaves the planner no other plan. "WHERE event_id = ? AND external_id =
     * ANY(?)" let it scan all of the event's proposals through proposal_event_idx, filtering on the array, while
     * the table had no statistics yet (a first import into a new database: autoanalyze had not run, and the
     * cached plan stayed). Each batch then read every proposal imported before it: a 100,000-row import took
     * three times as long.
     */
    static final String SELECT = "SELECT " + ProposalColumns.names("p.") + " FROM unnest(?::text[]) WITH ORDINALITY AS wanted (external_id, n) "
            + "CROSS JOIN LATERAL (SELECT * FROM proposal WHERE event_id = ? AND external_id = wanted.external_id LIMIT 1%s) p "
            + "ORDER BY wanted.n";

    /**
     * The event's proposals with these external ids, as plain objects, optionally locked; in external id order, so
     * that two imports into one event lock rows in the same order and cannot deadlock.
     */
    static Map<String, Proposal> byExternalIds(EntityManager em, ObjectMapper mapper, UUID eventId,
                                               Collection<String> externalIds, boolean lock) {
        Map<String, Proposal> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT.formatted(lock ? " FOR NO KEY UPDATE" : ""))) {
                select.setArray(1, connection.createArrayOf("text", new TreeSet<>(externalIds).toArray()));
                select.setObject(2, eventId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Proposal p = ProposalColumns.read(rs, mapper);
                        found.put(p.externalId, p);
                    }
                }
            }
        });
        return found;
    }

    private static void insert(Connection connection, ObjectMapper mapper, List<Proposal> proposals) throws SQLException {
        if (proposals.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Proposal p : proposals) {
                ProposalColumns.bindInsert(insert, mapper, p);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void update(Connection connection, ObjectMapper mapper, List<Proposal> proposals) throws SQLException {
        if (proposals.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Proposal p : proposals) {
                ProposalColumns.bindUpdate(update, mapper, p);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int count : counts) {
                if (count == 0) {
                    // The rows are locked by the caller, so this means a caller bug, not a race.
                    throw new IllegalStateException("an imported proposal changed under its lock");
                }
            }
        }
        try (PreparedStatement revoke = connection.prepareStatement(
                "DELETE FROM proposal_speaker_access WHERE proposal_id = ANY(?)")) {
            revoke.setArray(1, connection.createArrayOf("uuid", proposals.stream().map(p -> p.id).toArray()));
            revoke.executeUpdate();
        }
    }

    /**
     * Gives each proposal's speakers (their emails, {@link SpeakerAccess#principals}) access to it: one statement for
     * all, no ON CONFLICT (its arbiter check costs 7 µs a row), so the caller makes sure nothing can conflict.
     */
    private static void grantSpeakers(Connection connection, List<Proposal> proposals) throws SQLException {
        List<Object> ids = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        for (Proposal proposal : proposals) {
            for (String principal : SpeakerAccess.principals(proposal.speakers)) {
                ids.add(proposal.id);
                names.add(principal);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement grant = connection.prepareStatement("INSERT INTO proposal_speaker_access (proposal_id, principal) "
                + "SELECT * FROM unnest(?, ?)")) {
            grant.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            grant.setArray(2, connection.createArrayOf("text", names.toArray()));
            grant.executeUpdate();
        }
    }
}

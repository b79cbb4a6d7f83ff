package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Fixtures;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The proposal table has one mapping: the columns of the table (as the migrations left it), of the entity
 * {@link Proposal}, and of the JDBC column list {@link ProposalColumns} that {@link ProposalRows}' statements are
 * derived from, are the same; and what ProposalRows writes it reads back, field for field.
 */
@QuarkusTest
class ProposalColumnsTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void theTableTheEntityAndTheJdbcColumnListNameTheSameColumns() {
        @SuppressWarnings("unchecked")
        List<String> table = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                                + "AND table_name = 'proposal'")
                .getResultList());
        // The columns Hibernate maps the entity to, naming strategy included: what it reads and writes, not a guess.
        Set<String> entity = new TreeSet<>();
        var descriptor = em.getEntityManagerFactory().unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(Proposal.class);
        descriptor.getIdentifierMapping().forEachSelectable((index, selectable) -> entity.add(selectable.getSelectionExpression()));
        descriptor.forEachSelectable((index, selectable) -> entity.add(selectable.getSelectionExpression()));
        Set<String> rows = ProposalColumns.ALL.stream().map(ProposalColumns.Column::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(table), rows, "ProposalColumns against the table");
        assertEquals(rows, entity, "the entity Proposal against ProposalColumns");
        assertEquals(ProposalColumns.ALL.size(), rows.size(), "a column listed twice");
    }

    @Test
    void whatProposalRowsWritesItReadsBackFieldForField() {
        String slug = Fixtures.createEvent("columns");
        Event event = QuarkusTransaction.requiringNew().call(() -> Event.bySlug(slug).orElseThrow());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Proposal written = new Proposal();
        written.id = Ids.timeOrdered();
        written.eventId = event.id;
        written.status = ProposalStatus.WAITLISTED;
        written.version = 3;
        written.title = "标题 title";
        written.abstractText = "abstract";
        written.description = "description";
        written.format = "talk";
        written.track = "compliance-legal";
        written.language = "zh";
        written.tags = List.of("a", "合规");
        written.speakers = List.of(new Speaker("李雷", "lilei@example.com", "Org", "Bio"));
        written.notes = "notes";
        written.ownerSubject = "owner";
        written.externalId = "x-" + written.id;
        written.createdAt = now.minusSeconds(60);
        written.updatedAt = now;
        written.submittedAt = now.minusSeconds(30);
        QuarkusTransaction.requiringNew().run(() -> ProposalRows.insert(em, mapper, written));
        Proposal read = QuarkusTransaction.requiringNew().call(() ->
                ProposalRows.byExternalIds(em, mapper, event.id, List.of(written.externalId), false).get(written.externalId));
        for (Field field : Proposal.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic() || field.getName().startsWith("$$")) {
                continue;
            }
            try {
                assertEquals(field.get(written), field.get(read), field.getName());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }
}

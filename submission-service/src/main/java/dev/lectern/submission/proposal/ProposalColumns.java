package dev.lectern.submission.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The proposal table's columns as {@link ProposalRows} writes and reads them: one list, from which its statements
 * and their binding are derived. A new column is one entry here and one field of {@link Proposal};
 * {@code ProposalColumnsTest} checks that this list, the entity's mapping and the table name the same columns.
 */
final class ProposalColumns {

    /** Binds a proposal's value of the column at {@code index}. */
    interface Binder {
        void bind(PreparedStatement statement, int index, Proposal proposal, ObjectMapper mapper) throws SQLException;
    }

    /** Sets the proposal's field from the column at {@code index}. */
    interface Reader {
        void read(ResultSet row, int index, Proposal proposal, ObjectMapper mapper) throws SQLException;
    }

    /** A column, the SQL that takes its parameter ({@code ?}, or a cast of it), whether an update writes it, and its mapping. */
    record Column(String name, String parameter, boolean updated, Binder binder, Reader reader) {
    }

    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Speaker>> SPEAKERS = new TypeReference<>() {
    };

    static final List<Column> ALL = List.of(
            new Column("id", "?", false, (s, i, p, m) -> s.setObject(i, p.id), (r, i, p, m) -> p.id = r.getObject(i, UUID.class)),
            new Column("event_id", "?", false, (s, i, p, m) -> s.setObject(i, p.eventId),
                    (r, i, p, m) -> p.eventId = r.getObject(i, UUID.class)),
            new Column("status", "?", true, (s, i, p, m) -> s.setString(i, p.status.name()),
                    (r, i, p, m) -> p.status = ProposalStatus.valueOf(r.getString(i))),
            new Column("version", "?", true, (s, i, p, m) -> s.setLong(i, p.version), (r, i, p, m) -> p.version = r.getLong(i)),
            text("title", true, p -> p.title, (p, v) -> p.title = v),
            text("abstract", true, p -> p.abstractText, (p, v) -> p.abstractText = v),
            text("description", true, p -> p.description, (p, v) -> p.description = v),
            text("format", true, p -> p.format, (p, v) -> p.format = v),
            text("track", true, p -> p.track, (p, v) -> p.track = v),
            text("language", true, p -> p.language, (p, v) -> p.language = v),
            new Column("tags", "CAST(? AS jsonb)", true, (s, i, p, m) -> s.setString(i, json(m, p.tags)),
                    (r, i, p, m) -> p.tags = read(m, r.getString(i), TAGS)),
            new Column("speakers", "CAST(? AS jsonb)", true, (s, i, p, m) -> s.setString(i, json(m, p.speakers)),
                    (r, i, p, m) -> p.speakers = read(m, r.getString(i), SPEAKERS)),
            text("notes", true, p -> p.notes, (p, v) -> p.notes = v),
            text("owner_subject", false, p -> p.ownerSubject, (p, v) -> p.ownerSubject = v),
            text("external_id", false, p -> p.externalId, (p, v) -> p.externalId = v),
            instant("created_at", false, p -> p.createdAt, (p, v) -> p.createdAt = v),
            instant("updated_at", true, p -> p.updatedAt, (p, v) -> p.updatedAt = v),
            instant("submitted_at", true, p -> p.submittedAt, (p, v) -> p.submittedAt = v),
            instant("respond_by", true, p -> p.respondBy, (p, v) -> p.respondBy = v),
            text("status_reason", true, p -> p.statusReason, (p, v) -> p.statusReason = v));

    /** The columns an update writes, in {@link #ALL}'s order. */
    static final List<Column> UPDATED = ALL.stream().filter(Column::updated).toList();

    private ProposalColumns() {
    }

    /** "id, event_id, ...", each name with the prefix. */
    static String names(String prefix) {
        return ALL.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }

    static String insert() {
        return "INSERT INTO proposal (" + names("") + ") VALUES ("
                + ALL.stream().map(Column::parameter).collect(Collectors.joining(", ")) + ")";
    }

    /** Sets the updated columns of the row with this id and the version before the change. */
    static String update() {
        return "UPDATE proposal SET " + UPDATED.stream().map(c -> c.name() + " = " + c.parameter())
                .collect(Collectors.joining(", ")) + " WHERE id = ? AND version = ?";
    }

    /** Binds every column, from parameter 1 on. */
    static void bindInsert(PreparedStatement statement, ObjectMapper mapper, Proposal proposal) throws SQLException {
        int i = 1;
        for (Column column : ALL) {
            column.binder().bind(statement, i++, proposal, mapper);
        }
    }

    /** Binds the updated columns, then the id and the version before the change. */
    static void bindUpdate(PreparedStatement statement, ObjectMapper mapper, Proposal proposal) throws SQLException {
        int i = 1;
        for (Column column : UPDATED) {
            column.binder().bind(statement, i++, proposal, mapper);
        }
        statement.setObject(i++, proposal.id);
        statement.setLong(i, proposal.version - 1);
    }

    /** A proposal from a row whose first columns are {@link #ALL}, in order. */
    static Proposal read(ResultSet row, ObjectMapper mapper) throws SQLException {
        Proposal proposal = new Proposal();
        int i = 1;
        for (Column column : ALL) {
            column.reader().read(row, i++, proposal, mapper);
        }
        return proposal;
    }

    private interface Getter<T> {
        T get(Proposal proposal);
    }

    private interface Setter<T> {
        void set(Proposal proposal, T value);
    }

    private static Column text(String name, boolean updated, Getter<String> getter, Setter<String> setter) {
        return new Column(name, "?", updated, (s, i, p, m) -> s.setString(i, getter.get(p)),
                (r, i, p, m) -> setter.set(p, r.getString(i)));
    }

    private static Column instant(String name, boolean updated, Getter<Instant> getter, Setter<Instant> setter) {
        return new Column(name, "?", updated, (s, i, p, m) -> {
            Instant value = getter.get(p);
            if (value == null) {
                s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setObject(i, value.atOffset(ZoneOffset.UTC));
            }
        }, (r, i, p, m) -> {
            OffsetDateTime value = r.getObject(i, OffsetDateTime.class);
            setter.set(p, value == null ? null : value.toInstant());
        });
    }

    private static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a proposal field could not be written as JSON", e);
        }
    }

    private static <T> T read(ObjectMapper mapper, String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored proposal field is not the JSON it should be", e);
        }
    }
}

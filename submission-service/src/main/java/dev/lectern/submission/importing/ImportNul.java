package dev.lectern.submission.importing;

import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.Speaker;

import java.util.ArrayList;
import java.util.List;

/**
 * NUL characters (U+0000) in an import record: PostgreSQL stores none in text, so a record with one is rejected with
 * the fields named, and what the report keeps of it (its external id) is stored with U+FFFD instead. Plain Java.
 */
final class ImportNul {

    private static final char NUL = '\u0000';

    private ImportNul() {
    }

    /** The record's fields that hold a NUL, named as the submit API names them. */
    static List<String> fieldsWithNul(ImportItem item) {
        List<String> fields = new ArrayList<>();
        check(fields, "externalId", item.externalId());
        check(fields, "status", item.status());
        ProposalRequest request = item.request();
        if (request == null) {
            return fields;
        }
        check(fields, "title", request.title());
        check(fields, "abstract", request.abstractText());
        check(fields, "description", request.description());
        check(fields, "format", request.format());
        check(fields, "track", request.track());
        check(fields, "language", request.language());
        List<String> tags = request.tagsOrEmpty();
        for (int i = 0; i < tags.size(); i++) {
            check(fields, "tags[" + i + "]", tags.get(i));
        }
        List<Speaker> speakers = request.speakers() == null ? List.of() : request.speakers();
        for (int i = 0; i < speakers.size(); i++) {
            Speaker speaker = speakers.get(i);
            if (speaker == null) {
                continue;
            }
            check(fields, "speakers[" + i + "].name", speaker.name());
            check(fields, "speakers[" + i + "].email", speaker.email());
            check(fields, "speakers[" + i + "].affiliation", speaker.affiliation());
            check(fields, "speakers[" + i + "].bio", speaker.bio());
        }
        check(fields, "notes", request.notes());
        return fields;
    }

    /** The text with each NUL replaced by U+FFFD, for what the report stores. */
    static String storable(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, '\uFFFD');
    }

    private static void check(List<String> fields, String field, String value) {
        if (value != null && value.indexOf(NUL) >= 0) {
            fields.add(field);
        }
    }
}

package dev.lectern.submission.event;

import java.time.Instant;
import java.util.List;

/** The data of {@code event.created.v1} and {@code event.updated.v1}: the whole event as it now is. */
public record EventPayload(
        String id,
        String slug,
        LocalizedText name,
        String timeZone,
        Instant cfpOpensAt,
        Instant cfpClosesAt,
        List<Track> tracks,
        List<Format> formats,
        List<String> languages,
        Instant respondBy,
        long version,
        Instant updatedAt) {

    static EventPayload of(Event event) {
        return new EventPayload(event.id.toString(), event.slug, new LocalizedText(event.nameEn, event.nameZh),
                event.timeZone, event.cfpOpensAt, event.cfpClosesAt, event.tracks, event.formats,
                event.languages, event.respondBy, event.version, event.updatedAt);
    }
}

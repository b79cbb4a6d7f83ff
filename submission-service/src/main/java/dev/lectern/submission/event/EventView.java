package dev.lectern.submission.event;

import java.time.OffsetDateTime;
import java.util.List;

/** Public event data; times are given in the event's time zone. */
public record EventView(
        String slug,
        LocalizedText name,
        String timeZone,
        OffsetDateTime cfpOpensAt,
        OffsetDateTime cfpClosesAt,
        boolean cfpOpen,
        List<Track> tracks,
        List<Format> formats,
        List<String> languages,
        OffsetDateTime respondBy,
        long version) {

    public static EventView of(Event event, java.time.Instant now) {
        return new EventView(event.slug, new LocalizedText(event.nameEn, event.nameZh), event.timeZone,
                event.cfpOpensAt.atZone(event.zone()).toOffsetDateTime(),
                event.cfpClosesAt.atZone(event.zone()).toOffsetDateTime(),
                event.cfpOpenAt(now), event.tracks, event.formats, event.languages,
                event.respondBy == null ? null : event.respondBy.atZone(event.zone()).toOffsetDateTime(), event.version);
    }
}

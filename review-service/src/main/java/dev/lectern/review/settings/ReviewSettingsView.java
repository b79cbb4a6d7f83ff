package dev.lectern.review.settings;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

public record ReviewSettingsView(String event, List<Criterion> criteria, int reviewsPerProposal, boolean blind,
                                 ReviewPhase phase, OffsetDateTime dueAt, OffsetDateTime updatedAt) {

    static ReviewSettingsView of(ReviewSettings settings) {
        return new ReviewSettingsView(settings.eventSlug, settings.criteria, settings.reviewsPerProposal,
                settings.blind, settings.phase,
                settings.dueAt == null ? null : settings.dueAt.atOffset(ZoneOffset.UTC),
                settings.updatedAt.atOffset(ZoneOffset.UTC));
    }
}

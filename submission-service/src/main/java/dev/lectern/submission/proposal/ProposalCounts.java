package dev.lectern.submission.proposal;

import java.util.Map;

/** How many proposals an event has, per status, track and format: an organizer's dashboard. */
public record ProposalCounts(long total, Map<String, Long> byStatus, Map<String, Long> byTrack,
                             Map<String, Long> byFormat) {
}

package dev.lectern.review.assignment;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** An organizer's own choice of reviewer for a proposal; the same conflict checks apply. */
public record ManualAssignmentRequest(@NotNull UUID proposalId, @NotNull UUID reviewerId) {
}

package dev.lectern.review.redaction;

import java.util.List;

/** The identity flags of an event; none are raised while review is not blind. */
public record IdentityFlags(String event, boolean blind, List<IdentityFlag> flags) {
}

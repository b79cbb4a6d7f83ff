package dev.lectern.review.projection;

/** A message that can never be applied: it goes to the dead-letter topic with this reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}

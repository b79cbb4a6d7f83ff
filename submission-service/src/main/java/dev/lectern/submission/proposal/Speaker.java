package dev.lectern.submission.proposal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person who would give the session. Their email lets them sign in and see the proposal. */
public record Speaker(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @Size(max = 200) String affiliation,
        @Size(max = 5000) String bio) {
}

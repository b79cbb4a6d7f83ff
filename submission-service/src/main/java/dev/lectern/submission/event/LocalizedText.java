package dev.lectern.submission.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Text in English and, where the event has it, Chinese. */
public record LocalizedText(@NotBlank @Size(max = 200) String en, @Size(max = 200) String zh) {
}

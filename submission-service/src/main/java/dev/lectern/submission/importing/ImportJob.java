package dev.lectern.submission.importing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One import run: its counts so far (updated after every batch) and how it ended. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Status { RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;
    public UUID eventId;
    public String format;
    public String mode;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    public int created;
    public int updated;
    public int unchanged;
    public int rejected;
    public int skipped;
    public String errorCode;
    public Long errorLine;
    public String errorDetail;
    public String startedBy;
    public Instant startedAt;
    public Instant finishedAt;
}

package dev.lectern.submission.importing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "event_id")
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
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_line")
    public Long errorLine;
    @Column(name = "error_detail")
    public String errorDetail;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}

package dev.lectern.submission.proposal;

public enum ProposalStatus {
    DRAFT, SUBMITTED, WITHDRAWN, ACCEPTED, WAITLISTED, REJECTED, CONFIRMED, DECLINED
}

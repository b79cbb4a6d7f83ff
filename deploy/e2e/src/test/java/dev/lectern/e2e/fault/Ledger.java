package dev.lectern.e2e.fault;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the clients were told: every acknowledged (2xx) write, and what each round expects at its end. */
final class Ledger {

    /** A 2xx on a proposal: what the answer said. */
    record ProposalAck(String step, String id, long version, String status, String title) {
    }

    /** A 2xx on {@code PUT /api/me/reviews/{proposalId}}. */
    record ReviewAck(String event, String proposalId, String reviewer, Map<String, Integer> scores) {
    }

    final Queue<ProposalAck> proposalAcks = new ConcurrentLinkedQueue<>();
    final Queue<ReviewAck> reviewAcks = new ConcurrentLinkedQueue<>();
    /** Idempotency-Key to the proposal ids the clients were given for it (more than one is a duplicate). */
    final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
    final Set<String> events = ConcurrentHashMap.newKeySet();
    /** Proposal id to the status its round's script leads to. */
    final Map<String, String> expectedStatus = new ConcurrentHashMap<>();
    /** Proposal ids promoted from a waitlist by a decline or a withdrawal, one per freed place. */
    final Set<String> expectedPromotions = ConcurrentHashMap.newKeySet();
    final Queue<String> failedRounds = new ConcurrentLinkedQueue<>();
    final AtomicLong operations = new AtomicLong();
    final AtomicLong rounds = new AtomicLong();
    /** Retried writes whose effect the client found in place without having seen their 2xx. */
    final AtomicLong appliedWithoutAck = new AtomicLong();

    void proposal(String step, Client.Reply reply) {
        proposalAcks.add(new ProposalAck(step, reply.text("id"), reply.version(), reply.text("status"), reply.text("title")));
    }

    void created(String key, String id) {
        idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    List<ProposalAck> acks() {
        return List.copyOf(proposalAcks);
    }
}

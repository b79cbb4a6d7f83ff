-- Offers that expire: an acceptance may carry a respond-by time (from the decision, or the event's default);
-- one not confirmed by then becomes DECLINED with the reason EXPIRED.
ALTER TABLE event ADD COLUMN respond_by timestamptz;
ALTER TABLE proposal ADD COLUMN respond_by timestamptz;
ALTER TABLE proposal ADD COLUMN status_reason text;
-- What the expiry job reads: the open offers, soonest first.
CREATE INDEX proposal_offer_due ON proposal (respond_by) WHERE status = 'ACCEPTED' AND respond_by IS NOT NULL;

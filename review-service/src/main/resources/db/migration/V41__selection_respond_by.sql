-- The respond-by time of the last selection run: acceptances sent for the event (published or promoted from the
-- waitlist) carry it; submission-service expires an offer not confirmed by then.
ALTER TABLE selection_rules ADD COLUMN respond_by timestamptz;

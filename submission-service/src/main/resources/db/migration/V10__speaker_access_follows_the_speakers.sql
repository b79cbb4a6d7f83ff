-- Speaker access is exactly the current speakers' emails (issue 27): the submitter's subject and the importing
-- organizer's are no longer access rows. Rows that name no current speaker of their proposal go; so do rows of a
-- proposal that does not exist (none should: V11 puts the foreign key back). Emails are stored as
-- Caller.normaliseEmail writes them: trimmed, lower-case.
DELETE FROM proposal_speaker_access a
WHERE NOT EXISTS (
    SELECT 1 FROM proposal p CROSS JOIN LATERAL jsonb_array_elements(p.speakers) AS s (speaker)
    WHERE p.id = a.proposal_id AND lower(btrim(s.speaker ->> 'email')) = a.principal);

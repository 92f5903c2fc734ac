-- Follow-ups (contract §14) ask about a match up to 120 days after it, longer than the mixer's
-- retention period (MIXER_RETENTION_DAYS, 30 by default). When that period ends, a match is now
-- archived instead of deleted: it leaves "my matches" and every other view at once, while its
-- bare record (who, which event, whether it ended; no contact details) stays for the follow-ups
-- until 130 days after the matching window closed, when it is deleted with its answers.
ALTER TABLE matches ADD COLUMN archived_at timestamptz;

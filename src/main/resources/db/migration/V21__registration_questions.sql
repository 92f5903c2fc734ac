-- Registration questions (contract §11): an event's questions, and each sign-up's answers keyed
-- by question key. Answers live on the sign-up, not beside the questions, so editing or removing a
-- question never loses what members answered; they go when the member's data goes.
ALTER TABLE events ADD COLUMN questions jsonb NOT NULL DEFAULT '[]'::jsonb
  CHECK (jsonb_typeof(questions) = 'array');
ALTER TABLE rsvps ADD COLUMN answers jsonb NOT NULL DEFAULT '{}'::jsonb
  CHECK (jsonb_typeof(answers) = 'object');

-- Approval (contract §11): an event with approval = true takes sign-ups as PENDING_APPROVAL; a
-- manager approves (the sign-up is then confirmed or waitlisted under the pool lock, like a new
-- sign-up) or declines it (DECLINED: kept, so the member sees the answer and cannot simply sign
-- up again). Neither PENDING_APPROVAL nor DECLINED holds a seat or a waitlist place: the counter
-- trigger rsvps_count_in_pool (V2) counts only CONFIRMED and WAITLISTED rows, so it needs no
-- change, and a pending row has no waitlist_seq, as the V2 CHECK requires.
ALTER TABLE events ADD COLUMN approval boolean NOT NULL DEFAULT false;

ALTER TABLE rsvps DROP CONSTRAINT rsvps_status_check;
ALTER TABLE rsvps ADD CONSTRAINT rsvps_status_check
  CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'PENDING_APPROVAL', 'DECLINED'));

CREATE INDEX rsvps_pending_idx ON rsvps (event_id, created_at) WHERE status = 'PENDING_APPROVAL';

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED'));

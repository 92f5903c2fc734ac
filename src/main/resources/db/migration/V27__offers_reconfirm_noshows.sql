-- Expiring offers, reconfirmation and no-show records (contract §12, issue 16 parts 2–4).
--
-- An OFFERED sign-up holds its seat until it is claimed (CONFIRMED) or its deadline passes
-- (OFFER_EXPIRED, out of the queue; the seat is offered to the next in line). A confirmed seat not
-- reconfirmed in time becomes RELEASED. OFFER_EXPIRED and RELEASED hold nothing, like CANCELLED,
-- and like it may be renewed by signing up again (at the end of the waitlist).

ALTER TABLE events
  ADD COLUMN offer_hours smallint CHECK (offer_hours BETWEEN 1 AND 168),
  ADD COLUMN reconfirm_hours smallint CHECK (reconfirm_hours BETWEEN 1 AND 720),
  ADD COLUMN max_recent_no_shows smallint CHECK (max_recent_no_shows BETWEEN 0 AND 50),
  -- Set once, by the one job run that records the event's no-shows: a second run finds nothing to do.
  ADD COLUMN no_shows_marked_at timestamptz;

-- Events that ended before the rule existed are not judged by it: their members were never told.
UPDATE events SET no_shows_marked_at = ends_at WHERE ends_at <= now();

CREATE INDEX events_no_shows_due_idx ON events (ends_at) WHERE no_shows_marked_at IS NULL;
CREATE INDEX events_reconfirm_idx ON events (starts_at) WHERE reconfirm_hours IS NOT NULL AND status = 'PUBLISHED';

ALTER TABLE rsvps
  ADD COLUMN offer_expires_at timestamptz,
  ADD COLUMN reconfirm_requested_at timestamptz,
  ADD COLUMN reconfirmed_at timestamptz,
  ADD COLUMN no_show boolean NOT NULL DEFAULT false,
  ADD COLUMN waitlist_reason text CHECK (waitlist_reason IN ('RECENT_NO_SHOWS')),
  -- An offer always has its deadline; the expiry job finds it by this column.
  ADD CONSTRAINT rsvps_offer_has_deadline CHECK (status <> 'OFFERED' OR offer_expires_at IS NOT NULL),
  -- Only a seat that was held can be missed.
  ADD CONSTRAINT rsvps_no_show_was_confirmed CHECK (NOT no_show OR status = 'CONFIRMED');

ALTER TABLE rsvps DROP CONSTRAINT rsvps_status_check;
ALTER TABLE rsvps ADD CONSTRAINT rsvps_status_check
  CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'PENDING_APPROVAL', 'DECLINED', 'APPLIED',
    'OFFERED', 'OFFER_EXPIRED', 'RELEASED'));

CREATE INDEX rsvps_offers_due_idx ON rsvps (offer_expires_at) WHERE status = 'OFFERED';
CREATE INDEX rsvps_no_shows_idx ON rsvps (user_id) WHERE no_show;

-- An offered seat is held: counted in its own column, and the capacity rule counts it with the
-- confirmed ones, so no path can confirm or offer more seats than the pool has.
ALTER TABLE event_pools ADD COLUMN offered integer NOT NULL DEFAULT 0 CHECK (offered >= 0);
ALTER TABLE event_pools DROP CONSTRAINT pool_not_oversold;
ALTER TABLE event_pools ADD CONSTRAINT pool_not_oversold CHECK (confirmed + offered <= capacity);

CREATE OR REPLACE FUNCTION rsvps_count_in_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.pool_key = NEW.pool_key THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE event_pools
       SET confirmed = confirmed - (OLD.status = 'CONFIRMED')::int,
           offered = offered - (OLD.status = 'OFFERED')::int,
           waitlisted = waitlisted - (OLD.status = 'WAITLISTED')::int
     WHERE event_id = OLD.event_id AND key = OLD.pool_key;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE event_pools
       SET confirmed = confirmed + (NEW.status = 'CONFIRMED')::int,
           offered = offered + (NEW.status = 'OFFERED')::int,
           waitlisted = waitlisted + (NEW.status = 'WAITLISTED')::int
     WHERE event_id = NEW.event_id AND key = NEW.pool_key;
  END IF;
  RETURN NULL;
END
$$;

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE', 'SERIES_DATE_OPEN', 'LOTTERY_WON', 'LOTTERY_WAITLISTED',
    'SEAT_OFFERED', 'OFFER_EXPIRED', 'RECONFIRM_REQUESTED', 'SEAT_RELEASED'));

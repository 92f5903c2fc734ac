-- Issue 14: a member ends sessions they cannot name. Every session token issued before
-- sessions_valid_after is refused, except the one that asked for it (a password change keeps the
-- session it was made in); logging out everywhere keeps none. Numbered 6.1 so that it sorts
-- before whatever version 7 a concurrent branch brings.
ALTER TABLE users
  ADD COLUMN sessions_valid_after timestamptz,
  ADD COLUMN sessions_kept_jti uuid;

package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventState;
import org.queqiao.events.EventType;
import org.queqiao.users.User;

/**
 * Who may sign up for an event, and into which pool: the registration window, the profile a
 * mixer or an age limit needs, the audience (union subtree, or verified membership), ages, the
 * mixer's single declaration, and the team or gender pool. One set of rules for the sign-up alone,
 * the batched sign-up and the walk-in at the door.
 */
final class SignUpRules {
  private final EventRepository events;
  private final VerifiedMembers verified;
  private final Clock clock;

  SignUpRules(EventRepository events, VerifiedMembers verified, Clock clock) {
    this.events = events;
    this.verified = verified;
    this.clock = clock;
  }

  /**
   * Which pool the member signs up into, or the refusal, in the contract's order: closed (409),
   * incomplete profile (400), not eligible (403), unknown team (400). At the door the registration
   * window does not apply, but every other rule does.
   */
  String checkEligible(Event event, User user, boolean inAudience, String requestedPool, boolean declaresSingle,
      boolean atDoor) {
    EventState state = event.state(clock.instant());
    boolean open = atDoor
        ? state != EventState.DRAFT && state != EventState.CANCELLED && state != EventState.PAST
        : state.acceptsSignUps();
    if (!open) {
      throw RsvpErrors.registrationClosed();
    }
    boolean mixer = event.type() == EventType.MIXER;
    boolean needsAge = mixer || event.minAge() != null || event.maxAge() != null;
    if ((mixer && user.gender() == null) || (needsAge && user.birthYear() == null)) {
      throw RsvpErrors.profileIncomplete(mixer);
    }
    if (!inAudience) {
      throw RsvpErrors.notInAudience();
    }
    if (needsAge) {
      int age = event.startsAt().atZone(event.zone()).getYear() - user.birthYear();
      if ((event.minAge() != null && age < event.minAge()) || (event.maxAge() != null && age > event.maxAge())) {
        throw RsvpErrors.outsideAgeRange();
      }
    }
    if (mixer && !declaresSingle) {
      throw RsvpErrors.notDeclaredSingle();
    }
    return poolFor(event, user, requestedPool);
  }

  /**
   * Whether the member belongs to the event's audience: everyone for an open event; else members of
   * the audience union or of a union below it in the tree (contract §11), looked up on {@code client}.
   * An event for verified members only admits those on the roster of that union or one below it
   * (contract §17), and refuses the others with NOT_VERIFIED.
   */
  Future<Boolean> audienceAdmits(SqlClient client, Event event, User user) {
    if (event.verifiedOnly()) {
      // Verified membership replaces the union the member names on their profile, which nobody checks.
      return verified.verifiedWithin(client, user.id(), event.audienceUnionId())
          .compose(ok -> ok ? Future.succeededFuture(true) : Future.failedFuture(RsvpErrors.notVerified()));
    }
    if (event.audienceUnionId() == null || event.audienceUnionId().equals(user.unionId())) {
      return Future.succeededFuture(true);
    }
    if (user.unionId() == null) {
      return Future.succeededFuture(false);
    }
    return events.unionWithin(client, user.unionId(), event.audienceUnionId());
  }

  private static String poolFor(Event event, User user, String requestedPool) {
    if (event.type() == EventType.MIXER) {
      if (user.gender() == null) {
        throw RsvpErrors.genderNeeded();
      }
      return user.gender();
    }
    if (requestedPool != null && !requestedPool.isBlank()) {
      return event.pool(requestedPool.strip()).map(p -> p.key()).orElseThrow(RsvpErrors::unknownPool);
    }
    if (event.pools().size() == 1) {
      return event.pools().get(0).key();
    }
    throw RsvpErrors.poolRequired();
  }
}

package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventType;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Private marks and mutual matches at a mixer, and the contact cards they disclose. A card
 * leaves only when both people marked each other (or, see {@link IntroService}, when a forwarded
 * request is accepted); each disclosure is logged for its owner with the consent text's version.
 */
public final class MixerService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MixerService.class);
  /** Versions of the consent texts shown before a mark, a request and an answer (bundles: consent.*). */
  public static final String MARK_CONSENT = "mixer-mark-1";

  private final Pool pool;
  private final MixerRepository mixer;
  private final IntroRequestRepository requests;
  private final NotificationRepository notifications;
  private final ContactCipher cipher;
  private final int matchingDays;
  private final Duration matchingWindow;
  private final Clock clock;

  public MixerService(Pool pool, MixerRepository mixer, IntroRequestRepository requests,
      NotificationRepository notifications, ContactCipher cipher, int matchingDays, Clock clock) {
    this.pool = pool;
    this.mixer = mixer;
    this.requests = requests;
    this.matchingDays = matchingDays;
    this.notifications = notifications;
    this.cipher = cipher;
    this.matchingWindow = Duration.ofDays(matchingDays);
    this.clock = clock;
  }

  /** A member at a mixer they attend: the event, and themselves as others see them. */
  public record Presence(Event event, MixerRepository.Attendee me) {}

  /** The mixer, if this member checked in to it and has not left; 403 for everyone else. */
  public Future<Presence> presence(User user, Event event) {
    if (event.type() != EventType.MIXER) {
      return Future.failedFuture(ApiError.notFound());
    }
    return mixer.attendee(pool, event.id(), user.id()).map(me -> new Presence(event,
        me.orElseThrow(MixerErrors::notAnAttendee)));
  }

  /** Marks and requests are possible until this: the organiser's choice, or some days after the end. */
  public Instant matchingClosesAt(Event event) {
    return event.matchingClosesAt() != null ? event.matchingClosesAt() : event.endsAt().plus(matchingWindow);
  }

  void requireMatchingOpen(Presence presence) {
    if (!clock.instant().isBefore(matchingClosesAt(presence.event()))) {
      throw MixerErrors.matchingClosed();
    }
  }

  public Future<List<MixerRepository.Attendee>> people(User user, Event event) {
    return presence(user, event).compose(p -> mixer.people(pool, event.id(), user.id()));
  }

  public Future<List<MixerRepository.Attendee>> myMarks(User user, Event event) {
    return presence(user, event).compose(p -> mixer.myLikes(pool, event.id(), user.id()));
  }

  /**
   * Marks a badge. If that person had marked me, we match: each card goes to the other (the fields
   * each shares), the disclosures are logged and both are told — once per pair.
   */
  public Future<Void> mark(User user, Event event, int badge, String consentVersion) {
    if (consentVersion != null && !MARK_CONSENT.equals(consentVersion)) {
      return Future.failedFuture(MixerErrors.consentOutdated());
    }
    long eventId = event.id();
    return presence(user, event).compose(presence -> {
      requireMatchingOpen(presence);
      return pool.withTransaction(conn -> mixer.byBadge(conn, eventId, badge).compose(found -> {
        MixerRepository.Attendee other = found.orElseThrow(MixerErrors::noSuchBadge);
        if (other.userId() == user.id()) {
          return Future.failedFuture(ApiError.validation(Map.of("badge", "field.mixer.self")));
        }
        return mixer.lockPair(conn, eventId, user.id(), other.userId())
            .compose(locked -> mixer.like(conn, eventId, user.id(), other.userId(), MARK_CONSENT))
            .compose(liked -> mixer.liked(conn, eventId, other.userId(), user.id()))
            .compose(mutual -> !mutual ? Future.succeededFuture()
                : mixer.recordMatch(conn, eventId, user.id(), other.userId(), "MUTUAL_LIKE").compose(first -> !first
                    ? Future.succeededFuture()
                    : match(conn, presence.event(), presence.me(), other, "MUTUAL_LIKE", MARK_CONSENT, MARK_CONSENT,
                        NotificationKind.MATCH, NotificationKind.MATCH)));
      }));
    });
  }

  public Future<Void> unmark(User user, Event event, int badge) {
    long eventId = event.id();
    return presence(user, event).compose(presence -> pool.withTransaction(conn ->
        mixer.byBadgeEvenIfLeft(conn, eventId, badge).compose(found -> found.isEmpty()
            ? Future.succeededFuture()
            : mixer.lockPair(conn, eventId, user.id(), found.get().userId())
                .compose(locked -> mixer.unlike(conn, eventId, user.id(), found.get().userId())))));
  }

  /**
   * Both cards go both ways, logged as disclosures under each side's consent version, and each side
   * is notified (with the other's nickname and badge, which they could already see).
   */
  Future<Void> match(SqlConnection conn, Event event, MixerRepository.Attendee a, MixerRepository.Attendee b, String via,
      String consentOfA, String consentOfB, NotificationKind tellA, NotificationKind tellB) {
    return disclose(conn, a.userId(), b.userId(), event.id(), via, consentOfA)
        .compose(done -> disclose(conn, b.userId(), a.userId(), event.id(), via, consentOfB))
        .compose(done -> tellA == null ? Future.succeededFuture()
            : notifications.notifyUser(conn, a.userId(), tellA, event.id(), about(event, b)))
        .compose(done -> tellB == null ? Future.succeededFuture()
            : notifications.notifyUser(conn, b.userId(), tellB, event.id(), about(event, a)));
  }

  static JsonObject about(Event event, MixerRepository.Attendee other) {
    return event.notice()
        .put("nickname", other.nickname())
        .put("badge", other.badge());
  }

  private Future<Void> disclose(SqlConnection conn, long owner, long recipient, long eventId, String via,
      String consentVersion) {
    return mixer.card(conn, owner).compose(sealed -> {
      List<String> fields = sealed.map(s -> ContactCard.from(cipher.open(owner, s.nonce(), s.ciphertext())).sharedFields())
          .orElse(List.of());
      return fields.isEmpty() ? Future.succeededFuture()
          : mixer.logDisclosure(conn, owner, recipient, eventId, via, fields, consentVersion);
    });
  }

  /** Withdraws all my marks and open requests at this mixer; what was disclosed stays logged. */
  public Future<Void> leave(User user, Event event) {
    long eventId = event.id();
    return presence(user, event).compose(presence -> pool.withTransaction(conn ->
        mixer.leave(conn, eventId, user.id()).compose(done -> requests.leave(conn, eventId, user.id()))));
  }

  public record MatchView(MixerRepository.Match match, JsonObject contact) {}

  /** My matches with the other person's card, limited to the fields that were disclosed to me. */
  public Future<List<MatchView>> matches(User user) {
    return mixer.matchesOf(pool, user.id()).compose(list -> {
      Future<List<MatchView>> all = Future.succeededFuture(new java.util.ArrayList<>());
      for (MixerRepository.Match m : list) {
        all = all.compose(views -> mixer.card(pool, m.otherId()).map(sealed -> {
          views.add(new MatchView(m, readable(m.otherId(), sealed).only(m.fields())));
          return views;
        }));
      }
      return all;
    });
  }

  /** One unreadable card (a wrong key, a tampered row) must not hide every other match. */
  private ContactCard readable(long ownerId, Optional<MixerRepository.SealedCard> sealed) {
    if (sealed.isEmpty()) {
      return ContactCard.EMPTY;
    }
    try {
      return ContactCard.from(cipher.open(ownerId, sealed.get().nonce(), sealed.get().ciphertext()));
    } catch (IllegalStateException e) {
      LOG.warn("The contact card of user {} could not be decrypted", ownerId);
      return ContactCard.EMPTY;
    }
  }

  public Future<ContactCard> card(User user) {
    return mixer.card(pool, user.id())
        .map(sealed -> sealed.map(s -> ContactCard.from(cipher.open(user.id(), s.nonce(), s.ciphertext())))
            .orElse(ContactCard.EMPTY));
  }

  public Future<ContactCard> saveCard(User user, JsonObject body) {
    return Future.succeededFuture(body).map(ContactCard::parse).compose(card -> {
      ContactCipher.Sealed sealed = cipher.seal(user.id(), card.toJson());
      return mixer.saveCard(pool, user.id(), sealed.nonce(), sealed.ciphertext()).map(card);
    });
  }

  public Future<List<MixerRepository.Disclosure>> disclosures(User user) {
    return mixer.disclosuresOf(pool, user.id());
  }

  /** The retention rule (a periodic job): see {@link MixerRepository#purgeExpired}. */
  public Future<Integer> purgeExpired(int retentionDays) {
    return pool.withTransaction(conn -> mixer.purgeExpired(conn, matchingDays, retentionDays));
  }
}

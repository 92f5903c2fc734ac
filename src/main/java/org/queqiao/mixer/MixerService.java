package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventService;
import org.queqiao.events.EventType;
import org.queqiao.notify.Notification;
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

  private final MixerRepository mixer;
  private final EventService events;
  private final NotificationRepository notifications;
  private final ContactCipher cipher;
  private final Duration matchingWindow;
  private final Clock clock;

  public MixerService(MixerRepository mixer, EventService events, NotificationRepository notifications,
      ContactCipher cipher, int matchingDays, Clock clock) {
    this.mixer = mixer;
    this.events = events;
    this.notifications = notifications;
    this.cipher = cipher;
    this.matchingWindow = Duration.ofDays(matchingDays);
    this.clock = clock;
  }

  /** A member at a mixer they attend: the event, and themselves as others see them. */
  public record Presence(Event event, MixerRepository.Attendee me) {}

  /** The mixer, if this member checked in to it and has not left; 403 for everyone else. */
  public Future<Presence> presence(User user, long eventId) {
    return events.visible(Optional.of(user), eventId).compose(event -> {
      if (event.type() != EventType.MIXER) {
        return Future.failedFuture(ApiError.notFound());
      }
      return mixer.attendee(mixer.pool(), eventId, user.id()).map(me -> new Presence(event,
          me.orElseThrow(() -> new ApiError(403, "NOT_AN_ATTENDEE", "error.notAnAttendee"))));
    });
  }

  /** Marks and requests are possible until this: the organiser's choice, or some days after the end. */
  public Instant matchingClosesAt(Event event) {
    return event.matchingClosesAt() != null ? event.matchingClosesAt() : event.endsAt().plus(matchingWindow);
  }

  void requireMatchingOpen(Presence presence) {
    if (!clock.instant().isBefore(matchingClosesAt(presence.event()))) {
      throw new ApiError(409, "MATCHING_CLOSED", "error.matchingClosed");
    }
  }

  public Future<List<MixerRepository.Attendee>> people(User user, long eventId) {
    return presence(user, eventId).compose(p -> mixer.people(eventId, user.id()));
  }

  public Future<List<MixerRepository.Attendee>> myMarks(User user, long eventId) {
    return presence(user, eventId).compose(p -> mixer.myLikes(eventId, user.id()));
  }

  /**
   * Marks a badge. If that person had marked me, we match: each card goes to the other (the fields
   * each shares), the disclosures are logged and both are told — once per pair.
   */
  public Future<Void> mark(User user, long eventId, int badge, String consentVersion) {
    if (consentVersion != null && !MARK_CONSENT.equals(consentVersion)) {
      return Future.failedFuture(new ApiError(409, "CONSENT_OUTDATED", "error.consentOutdated"));
    }
    return presence(user, eventId).compose(presence -> {
      requireMatchingOpen(presence);
      return mixer.pool().withTransaction(conn -> mixer.byBadge(conn, eventId, badge).compose(found -> {
        MixerRepository.Attendee other = found.orElseThrow(() -> new ApiError(404, "NO_SUCH_BADGE", "error.noSuchBadge"));
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

  public Future<Void> unmark(User user, long eventId, int badge) {
    return presence(user, eventId).compose(presence -> mixer.pool().withTransaction(conn ->
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
    return Notification.aboutEvent(event.title(), event.startsAt(), event.zone().getId(), event.venue())
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
  public Future<Void> leave(User user, long eventId, IntroRequestRepository requests) {
    return presence(user, eventId).compose(presence -> mixer.pool().withTransaction(conn ->
        mixer.leave(conn, eventId, user.id()).compose(done -> requests.leave(conn, eventId, user.id()))));
  }

  public record MatchView(MixerRepository.Match match, JsonObject contact) {}

  /** My matches with the other person's card, limited to the fields that were disclosed to me. */
  public Future<List<MatchView>> matches(User user) {
    return mixer.matchesOf(user.id()).compose(list -> {
      Future<List<MatchView>> all = Future.succeededFuture(new java.util.ArrayList<>());
      for (MixerRepository.Match m : list) {
        all = all.compose(views -> mixer.card(mixer.pool(), m.otherId()).map(sealed -> {
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
    return mixer.card(mixer.pool(), user.id())
        .map(sealed -> sealed.map(s -> ContactCard.from(cipher.open(user.id(), s.nonce(), s.ciphertext())))
            .orElse(ContactCard.EMPTY));
  }

  public Future<ContactCard> saveCard(User user, JsonObject body) {
    return Future.succeededFuture(body).map(ContactCard::parse).compose(card -> {
      ContactCipher.Sealed sealed = cipher.seal(user.id(), card.toJson());
      return mixer.saveCard(user.id(), sealed.nonce(), sealed.ciphertext()).map(card);
    });
  }

  public Future<List<MixerRepository.Disclosure>> disclosures(User user) {
    return mixer.disclosuresOf(user.id());
  }

  public MixerRepository repository() {
    return mixer;
  }
}

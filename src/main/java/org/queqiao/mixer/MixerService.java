package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventType;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private marks and mutual matches at a mixer, and the contact cards they disclose. A card leaves
 * only when both people marked each other (or, see {@link IntroService}, when a forwarded request
 * is accepted), and then only the fields each consented to, as they were at that moment (a
 * snapshot). Every consent leaves a receipt; every disclosure is logged for its owner. Nothing
 * here may answer one member differently because of another member's hidden state: an unreadable
 * card is recorded, reported to its owner and sent later, never surfaced to the other person.
 */
public final class MixerService {
  private static final Logger LOG = LoggerFactory.getLogger(MixerService.class);
  public static final String MARK_CONSENT = ConsentTexts.Kind.MARK.version();

  /** The periods of contract §9, from configuration. */
  public record Periods(int matchingDays, int maxMatchingDays, int retentionDays, int logDays) {}

  private final Pool pool;
  private final MixerRepository mixer;
  private final ContactCardRepository cards;
  private final IntroRequestRepository requests;
  private final ConsentRepository consents;
  private final EventRepository events;
  private final NotificationRepository notifications;
  private final ContactCipher cipher;
  private final ConsentTexts texts;
  private final Periods periods;
  private final Clock clock;

  public MixerService(Pool pool, MixerRepository mixer, ContactCardRepository cards, IntroRequestRepository requests,
      ConsentRepository consents,
      EventRepository events, NotificationRepository notifications, ContactCipher cipher, ConsentTexts texts,
      Periods periods, Clock clock) {
    this.pool = pool;
    this.mixer = mixer;
    this.cards = cards;
    this.requests = requests;
    this.consents = consents;
    this.events = events;
    this.notifications = notifications;
    this.cipher = cipher;
    this.texts = texts;
    this.periods = periods;
    this.clock = clock;
  }

  /** A member at a mixer they attend: the event, and themselves as others see them. */
  public record Presence(Event event, MixerRepository.Attendee me) {}

  /** One side of a match: who, and the consent (receipt id and text version) behind what they disclose. */
  record Side(MixerRepository.Attendee attendee, Long consentId, String consentVersion) {}

  /** My own card, or that it cannot be read (then I am asked to enter it again). */
  public record CardState(ContactCard card, boolean unreadable) {}

  public ConsentTexts texts() {
    return texts;
  }

  /** The mixer, if this member checked in to it and has not left; 403 for everyone else. */
  public Future<Presence> presence(User user, Event event) {
    if (event.type() != EventType.MIXER) {
      return Future.failedFuture(ApiError.notFound());
    }
    return mixer.attendee(pool, event.id(), user.id()).map(me -> new Presence(event,
        me.orElseThrow(MixerErrors::notAnAttendee)));
  }

  /**
   * Marks and requests are possible until this: the organiser's choice or some days after the end,
   * and never later than the configured maximum after the end.
   */
  public Instant matchingClosesAt(Event event) {
    return matchingClosesAt(event.endsAt(), event.matchingClosesAt());
  }

  Instant matchingClosesAt(Instant endsAt, Instant organisersChoice) {
    Instant chosen = organisersChoice != null ? organisersChoice : endsAt.plus(Duration.ofDays(periods.matchingDays()));
    Instant cap = endsAt.plus(Duration.ofDays(periods.maxMatchingDays()));
    return chosen.isAfter(cap) ? cap : chosen;
  }

  void requireMatchingOpen(Presence presence) {
    if (!clock.instant().isBefore(matchingClosesAt(presence.event()))) {
      throw MixerErrors.matchingClosed();
    }
  }

  public Future<List<MixerRepository.Attendee>> people(User user, Event event) {
    return presence(user, event).compose(this::people);
  }

  /** The others at the mixer, for a member whose presence was just established. */
  public Future<List<MixerRepository.Attendee>> people(Presence presence) {
    return mixer.people(pool, presence.event().id(), presence.me().userId());
  }

  public Future<List<MixerRepository.Attendee>> myMarks(User user, Event event) {
    return presence(user, event).compose(this::myMarks);
  }

  public Future<List<MixerRepository.Attendee>> myMarks(Presence presence) {
    return mixer.myLikes(pool, presence.event().id(), presence.me().userId());
  }

  /**
   * Marks a badge under the consent given. If that person had marked me, we match: each side's
   * consented fields go to the other as they are now, the disclosures are logged and both are told
   * — once per pair.
   */
  public Future<Void> mark(User user, Event event, int badge, ConsentTexts.Given given, String lang) {
    long eventId = event.id();
    return presence(user, event).compose(presence -> {
      requireMatchingOpen(presence);
      return pool.withTransaction(conn -> requirePresent(conn, event, user)
          .compose(here -> mixer.byBadge(conn, eventId, badge, user.id()))
          .compose(found -> {
            MixerRepository.Attendee other = found.orElseThrow(MixerErrors::noSuchBadge);
            if (other.userId() == user.id()) {
              return Future.failedFuture(ApiError.validation(java.util.Map.of("badge", "field.mixer.self")));
            }
            return requireOnCard(conn, user, given.fields())
                .compose(ok -> mixer.lockPair(conn, eventId, user.id(), other.userId()))
                .compose(locked -> requireVisible(conn, user.id(), other.userId()))
                .compose(visible -> mixer.likeOf(conn, eventId, user.id(), other.userId()))
                .compose(existing -> existing.isPresent() ? Future.<Void>succeededFuture()
                    : markAnew(conn, presence, other, given, lang));
          }));
    });
  }

  private Future<Void> markAnew(SqlConnection conn, Presence presence, MixerRepository.Attendee other,
      ConsentTexts.Given given, String lang) {
    long eventId = presence.event().id();
    long me = presence.me().userId();
    ConsentTexts.Shown shown = texts.shown(ConsentTexts.Kind.MARK, lang, recipient(lang, other), given.fields());
    return consents.insert(conn, me, eventId, other.userId(), shown)
        .compose(consentId -> mixer.like(conn, eventId, me, other.userId(), MARK_CONSENT, consentId)
            .compose(liked -> mixer.likeOf(conn, eventId, other.userId(), me))
            .compose(back -> back.isEmpty() ? Future.<Void>succeededFuture()
                : matchUp(conn, presence.event(), "MUTUAL_LIKE",
                    new Side(presence.me(), consentId, MARK_CONSENT),
                    new Side(other, back.get().orElse(null), MARK_CONSENT),
                    NotificationKind.MATCH, NotificationKind.MATCH)));
  }

  /**
   * Removes my mark and withdraws the consent behind it. A match that stood on the two marks alone
   * ends with it; one that an accepted introduction also made stands.
   */
  public Future<Void> unmark(User user, Event event, int badge) {
    long eventId = event.id();
    return presence(user, event).compose(presence -> pool.withTransaction(conn ->
        mixer.byBadgeEvenIfLeft(conn, eventId, badge).compose(found -> {
          if (found.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          long other = found.get().userId();
          return mixer.lockPair(conn, eventId, user.id(), other)
              .compose(locked -> mixer.unlike(conn, eventId, user.id(), other))
              .compose(consent -> consents.withdraw(conn, consent.orElse(null)))
              .compose(withdrawn -> mixer.matchOfPair(conn, eventId, user.id(), other))
              .compose(match -> match.isPresent() && match.get().endedAt() == null
                      && List.of("MUTUAL_LIKE").equals(match.get().via())
                  ? end(conn, match.get(), user.id()) : Future.<Void>succeededFuture());
        })));
  }

  /**
   * Records the match of a pair — once per pair and event, whatever route led to it — and on the
   * first route only discloses each side's consented fields to the other and tells them.
   */
  Future<Void> matchUp(SqlConnection conn, Event event, String via, Side a, Side b, NotificationKind tellA,
      NotificationKind tellB) {
    long aId = a.attendee().userId();
    long bId = b.attendee().userId();
    return mixer.recordMatch(conn, event.id(), aId, bId, via).compose(recorded -> {
      if (!recorded.created()) {
        return Future.<Void>succeededFuture();
      }
      return disclose(conn, event, aId, bId, via, recorded.id(), a.consentId(), a.consentVersion(), false)
          .compose(done -> disclose(conn, event, bId, aId, via, recorded.id(), b.consentId(), b.consentVersion(), false))
          .compose(done -> tellA == null ? Future.succeededFuture()
              : notifications.notifyUser(conn, aId, tellA, event.id(), about(event, b.attendee())))
          .compose(done -> tellB == null ? Future.succeededFuture()
              : notifications.notifyUser(conn, bId, tellB, event.id(), about(event, a.attendee())));
    });
  }

  static JsonObject about(Event event, MixerRepository.Attendee other) {
    return event.notice().put("nickname", other.nickname()).put("badge", other.badge());
  }

  /**
   * One disclosure: the owner's consented fields with their values now, sealed as a snapshot and
   * logged. When the owner's card cannot be read, the disclosure is kept as FAILED and the owner
   * (only the owner) is told; it is made when they save their card again. With {@code ownerActs}
   * (the owner asked to send their card), an unreadable card is the owner's own refusal instead.
   */
  private Future<Void> disclose(SqlConnection conn, Event event, long owner, long recipient, String via, long matchId,
      Long consentId, String consentVersion, boolean ownerActs) {
    Future<Optional<List<String>>> consented = consentId == null ? Future.succeededFuture(Optional.empty())
        : consents.fields(conn, consentId).map(Optional::of);
    return consented.compose(fields -> cards.card(conn, owner).compose(sealed -> {
      ContactCard card;
      try {
        card = sealed.map(s -> ContactCard.from(cipher.open(owner, s.keyId(), s.nonce(), s.ciphertext())))
            .orElse(ContactCard.EMPTY);
      } catch (ContactCipher.Unreadable e) {
        LOG.warn("The contact card of user {} could not be decrypted; the disclosure waits for a new card", owner);
        if (ownerActs) {
          return Future.failedFuture(MixerErrors.myCardUnreadable());
        }
        return mixer.logDisclosure(conn, new MixerRepository.NewDisclosure(owner, recipient, event.id(), via,
                fields.orElse(ContactCard.FIELDS), consentVersion, matchId, consentId, "FAILED", null))
            .compose(logged -> notifications.notifyUser(conn, owner, NotificationKind.CARD_UNREADABLE, event.id(),
                event.notice()));
      }
      // Marks made before consent receipts consented to the whole card as it was then.
      JsonObject snapshot = card.only(fields.orElse(card.sharedFields()));
      if (snapshot.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      List<String> disclosed = ContactCard.from(snapshot).sharedFields();
      return mixer.logDisclosure(conn, new MixerRepository.NewDisclosure(owner, recipient, event.id(), via, disclosed,
          consentVersion, matchId, consentId, "DISCLOSED", cipher.seal(owner, snapshot)));
    }));
  }

  /** Withdraws all my marks and open requests at this mixer and ends my matches there. */
  public Future<Void> leave(User user, Event event) {
    long eventId = event.id();
    return presence(user, event).compose(presence -> pool.withTransaction(conn ->
        mixer.lockPresence(conn, eventId, user.id())
            .compose(locked -> mixer.leave(conn, eventId, user.id()))
            .compose(done -> requests.leave(conn, eventId, user.id()))
            .compose(done -> consents.withdrawAtEvent(conn, user.id(), eventId))
            .compose(done -> mixer.endMatchesAt(conn, eventId, user.id()))
            .compose(ended -> logEnds(conn, user.id(), eventId, ended))));
  }

  private Future<Void> logEnds(SqlConnection conn, long me, long eventId, List<long[]> ended) {
    Future<Void> all = Future.succeededFuture();
    for (long[] match : ended) {
      all = all.compose(v -> mixer.logDisclosure(conn, new MixerRepository.NewDisclosure(me, match[1], eventId,
          "MATCH_ENDED", List.of(), null, match[0], null, "DISCLOSED", null)));
    }
    return all;
  }

  /** Ends a match of mine: neither side sees the other's card from then on; logged in my disclosures. */
  public Future<Void> endMatch(User user, long matchId) {
    return pool.withTransaction(conn -> mixer.matchForUpdate(conn, matchId, user.id()).compose(found -> {
      MixerRepository.MatchRow match = found.orElseThrow(ApiError::notFound);
      return match.endedAt() != null ? Future.<Void>succeededFuture() : end(conn, match, user.id());
    }));
  }

  private Future<Void> end(SqlConnection conn, MixerRepository.MatchRow match, long me) {
    long other = match.other(me);
    return mixer.endMatch(conn, match.id(), me)
        .compose(done -> consents.withdrawToward(conn, me, match.eventId(), other))
        .compose(done -> logEnds(conn, me, match.eventId(), List.<long[]>of(new long[] {match.id(), other})));
  }

  /**
   * Sends my card to a match again: the fields I consented to, with their values now (an edit of
   * my card reaches nobody until I do this).
   */
  public Future<Void> resendCard(User user, long matchId) {
    return pool.withTransaction(conn -> mixer.matchForUpdate(conn, matchId, user.id()).compose(found -> {
      MixerRepository.MatchRow match = found.orElseThrow(ApiError::notFound);
      if (match.endedAt() != null) {
        return Future.failedFuture(MixerErrors.matchEnded());
      }
      long other = match.other(user.id());
      return consents.standingToward(conn, user.id(), match.eventId(), other).compose(standing -> {
        if (standing.isEmpty()) {
          return Future.failedFuture(MixerErrors.noStandingConsent());
        }
        return eventOf(conn, match.eventId()).compose(event -> disclose(conn, event, user.id(), other, "RESENT",
            match.id(), standing.get().id(), null, true));
      });
    }));
  }

  /** Sends my card again to every match of mine that stands. */
  public Future<Void> resendToAll(User user) {
    return mixer.matchesOf(pool, user.id()).compose(list -> {
      Future<Void> all = Future.succeededFuture();
      for (MixerRepository.Match m : list) {
        if (m.endedAt() == null && !m.deleted()) {
          all = all.compose(v -> resendCard(user, m.id()).recover(failure ->
              failure instanceof ApiError e && "NO_CONSENT".equals(e.code()) ? Future.succeededFuture()
                  : Future.failedFuture(failure)));
        }
      }
      return all;
    });
  }

  public record MatchView(MixerRepository.Match match, JsonObject contact) {
    /** The contract's shape (§9); a deleted member shows no nickname and no contact. */
    public JsonObject toJson() {
      var m = match;
      return new JsonObject()
          .put("id", m.id()).put("eventId", m.eventId()).put("badge", m.badge())
          .put("nickname", m.deleted() ? "" : m.nickname()).put("deleted", m.deleted())
          .put("via", new io.vertx.core.json.JsonArray(m.via())).put("contact", contact)
          .put("endedAt", m.endedAt() == null ? null : org.queqiao.web.Times.iso(m.endedAt(),
              org.queqiao.web.Times.DEFAULT_ZONE));
    }
  }

  /** My matches with what the other disclosed to me, while the match stands. */
  public Future<List<MatchView>> matches(User user) {
    return mixer.matchesOf(pool, user.id()).map(list -> {
      List<MatchView> views = new ArrayList<>();
      for (MixerRepository.Match m : list) {
        views.add(new MatchView(m, m.snapshot().map(s -> readable(m.otherId(), s)).orElseGet(JsonObject::new)));
      }
      return views;
    });
  }

  /** One unreadable snapshot (a wrong key, a tampered row) must not hide every other match. */
  private JsonObject readable(long ownerId, ContactCardRepository.SealedCard sealed) {
    try {
      return cipher.open(ownerId, sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    } catch (ContactCipher.Unreadable e) {
      LOG.warn("A contact snapshot of user {} could not be decrypted", ownerId);
      return new JsonObject();
    }
  }

  public Future<CardState> cardState(User user) {
    return cards.card(pool, user.id()).map(sealed -> {
      if (sealed.isEmpty()) {
        return new CardState(ContactCard.EMPTY, false);
      }
      try {
        ContactCardRepository.SealedCard s = sealed.get();
        return new CardState(ContactCard.from(cipher.open(user.id(), s.keyId(), s.nonce(), s.ciphertext())), false);
      } catch (ContactCipher.Unreadable e) {
        return new CardState(ContactCard.EMPTY, true);
      }
    });
  }

  public Future<ContactCard> card(User user) {
    return cardState(user).map(CardState::card);
  }

  /**
   * Saves my card. Disclosures that waited because my card could not be read are made now, with
   * the fields I consented to then and the values I just entered.
   */
  public Future<ContactCard> saveCard(User user, JsonObject body) {
    return Future.succeededFuture(body).map(ContactCard::parse).compose(card -> pool.withTransaction(conn ->
        cards.saveCard(conn, user.id(), cipher.seal(user.id(), card.toJson()))
            .compose(saved -> mixer.failedDisclosures(conn, user.id()))
            .compose(failed -> {
              Future<Void> all = Future.succeededFuture();
              for (MixerRepository.FailedDisclosure f : failed) {
                all = all.compose(v -> eventOf(conn, f.eventId()).compose(event -> disclose(conn, event, user.id(),
                        f.recipientId(), f.via(), f.matchId(), f.consentId(), f.consentVersion(), true)))
                    .compose(v -> mixer.markDoneLater(conn, f.id()));
              }
              return all;
            })
            .map(card)));
  }

  public Future<List<MixerRepository.Disclosure>> disclosures(User user) {
    return mixer.disclosuresOf(pool, user.id());
  }

  public Future<List<ConsentRepository.Receipt>> consents(User user) {
    return consents.mine(pool, user.id());
  }

  /** The member's own single declaration at the door of a mixer, so a walk-in may seat them. */
  public Future<Void> declareSingle(User user, Event event, Object declaresSingle) {
    if (event.type() != EventType.MIXER) {
      return Future.failedFuture(ApiError.notFound());
    }
    if (!Boolean.TRUE.equals(declaresSingle) && !"true".equals(declaresSingle) && !"on".equals(declaresSingle)) {
      return Future.failedFuture(MixerErrors.notSingleDeclared());
    }
    return mixer.declare(pool, event.id(), user.id());
  }

  /**
   * Under the pair's lock, the two must still see each other: a block made meanwhile answers like
   * a badge that is not there (404), the answer its subject would get had its author left.
   */
  Future<Void> requireVisible(SqlConnection conn, long me, long other) {
    return mixer.lockPeople(conn, me, other).compose(locked -> mixer.hidden(conn, me, other))
        .compose(hidden -> hidden ? Future.<Void>failedFuture(MixerErrors.noSuchBadge()) : Future.<Void>succeededFuture());
  }

  /** Fails with 403 unless the member is still at this mixer; holds their presence row until commit. */
  Future<Void> requirePresent(SqlConnection conn, Event event, User user) {
    return mixer.lockPresence(conn, event.id(), user.id())
        .compose(here -> here ? Future.<Void>succeededFuture() : Future.failedFuture(MixerErrors.notAnAttendee()));
  }

  /** The consented fields must be on my card now (the text named them); an unreadable card shares nothing. */
  Future<Void> requireOnCard(SqlConnection conn, User user, List<String> fields) {
    if (fields.isEmpty()) {
      return Future.succeededFuture();
    }
    return cards.card(conn, user.id()).compose(sealed -> {
      ContactCard card;
      try {
        card = sealed.map(s -> ContactCard.from(cipher.open(user.id(), s.keyId(), s.nonce(), s.ciphertext())))
            .orElse(ContactCard.EMPTY);
      } catch (ContactCipher.Unreadable e) {
        return Future.failedFuture(MixerErrors.myCardUnreadable());
      }
      return card.sharedFields().containsAll(fields) ? Future.<Void>succeededFuture()
          : Future.failedFuture(MixerErrors.fieldsNotOnCard());
    });
  }

  /** How a consent text names the other person: their nickname, or their badge when they have none. */
  String recipient(String lang, MixerRepository.Attendee other) {
    return other.nickname() == null || other.nickname().isBlank() ? texts.badgeName(lang, other.badge())
        : other.nickname();
  }

  private Future<Event> eventOf(SqlConnection conn, long eventId) {
    return events.find(conn, eventId).map(found -> found.orElseThrow(ApiError::notFound));
  }

  /** The retention rule (a periodic job): see {@link MixerRepository#purgeExpired}. */
  public Future<Integer> purgeExpired() {
    return pool.withTransaction(conn -> mixer.purgeExpired(conn, periods.matchingDays(), periods.retentionDays(),
        periods.maxMatchingDays(), periods.logDays()));
  }
}

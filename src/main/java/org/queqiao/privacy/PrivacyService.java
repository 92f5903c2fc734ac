package org.queqiao.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.queqiao.accounts.AccountService;
import org.queqiao.mixer.ConsentRepository;
import org.queqiao.mixer.MixerRepository;
import org.queqiao.mixer.MixerService;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.users.User;
import org.queqiao.web.Times;

/**
 * A member's rights over their data (PIPL Art. 45, 47): everything held about them as one
 * download, and deleting the account. What stays after deletion, and why, is in docs/privacy.md.
 */
public final class PrivacyService {
  private final Pool pool;
  private final PrivacyRepository privacy;
  private final AccountService accounts;
  private final RsvpService rsvps;
  private final MixerService mixer;

  public PrivacyService(Pool pool, PrivacyRepository privacy, AccountService accounts, RsvpService rsvps,
      MixerService mixer) {
    this.pool = pool;
    this.privacy = privacy;
    this.accounts = accounts;
    this.rsvps = rsvps;
    this.mixer = mixer;
  }

  /** Profile, card, sign-ups, check-ins, marks, requests, matches, disclosures, consents, notifications. */
  public Future<JsonObject> export(User user) {
    return Future.all(privacy.export(pool, user.id()), mixer.cardState(user), mixer.matches(user),
            mixer.disclosures(user), mixer.consents(user))
        .map(all -> {
          JsonObject data = all.resultAt(0);
          MixerService.CardState card = all.resultAt(1);
          java.util.List<MixerService.MatchView> matches = all.resultAt(2);
          java.util.List<MixerRepository.Disclosure> disclosures = all.resultAt(3);
          java.util.List<ConsentRepository.Receipt> consents = all.resultAt(4);
          JsonObject out = new JsonObject()
              .put("exportedAt", Times.iso(java.time.Instant.now(), Times.DEFAULT_ZONE))
              .put("profile", user.toJson())
              .put("contactCard", card.unreadable() ? new JsonObject().put("unreadable", true) : card.card().toJson());
          data.forEach(e -> out.put(e.getKey(), e.getValue()));
          out.put("matches", new JsonArray(matches.stream().<Object>map(MixerService.MatchView::toJson).toList()));
          out.put("disclosures",
              new JsonArray(disclosures.stream().<Object>map(MixerRepository.Disclosure::toJson).toList()));
          out.put("consents", new JsonArray(consents.stream().<Object>map(ConsentRepository.Receipt::toJson).toList()));
          return out;
        });
  }

  /**
   * Deletes the account, confirmed by its password: seats at events not yet over are released (the
   * waitlist moves up), personal data is erased, and what must stay for others stays anonymous.
   * One transaction; the member's sessions end because the account no longer answers to them.
   */
  public Future<Void> deleteAccount(User user, Object password) {
    if (!(password instanceof String typed) || typed.isEmpty()) {
      return Future.failedFuture(PrivacyErrors.passwordRequired());
    }
    return accounts.checkPassword(user, password).compose(ok -> !ok
        ? Future.<Void>failedFuture(PrivacyErrors.wrongPassword())
        : pool.withTransaction(conn -> rsvps.releaseSeatsOf(conn, user.id())
            .compose(released -> privacy.erase(conn, user.id()))));
  }
}

package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;

/**
 * A mark racing its own author's leaving (issue 13): whichever comes first, a member who has left a
 * mixer never has a mark there. Many rounds, each with a fresh attendee firing both at once.
 */
class MarkAndLeaveRaceTest {
  private static final int ROUNDS = 30;

  @Test
  void aMarkRacingItsAuthorsLeavingNeverLeavesAMarkBehind() throws Exception {
    List<String> nicknames = new ArrayList<>();
    for (int i = 0; i <= ROUNDS; i++) {
      nicknames.add("竞速" + i + "_" + Mixers.tag());
    }
    List<Mixers.Attendee> people = Mixers.attendees(API, nicknames, List.of("FEMALE", "MALE"), true);
    long mixer = Mixers.mixer(API, MixerFixture.organizer().token(), 2 * ROUNDS + 4);
    int target = Mixers.attend(API, mixer, MixerFixture.organizer().token(), people.get(0).token());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> answers = new ArrayList<>();
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        String token = people.get(round).token();
        Mixers.attend(API, mixer, MixerFixture.organizer().token(), token);
        CountDownLatch go = new CountDownLatch(1);
        Future<Api.Response> mark = pool.submit(() -> {
          go.await();
          return API.put("/api/events/" + mixer + "/mixer/likes/" + target,
              MixerFixture.consent(MixerFixture.MARK, "wechat"), token);
        });
        Future<Api.Response> leave = pool.submit(() -> {
          go.await();
          return MixerFixture.delete("/api/events/" + mixer + "/mixer/me", token);
        });
        go.countDown();
        Api.Response marked = mark.get(20, TimeUnit.SECONDS);
        Api.Response left = leave.get(20, TimeUnit.SECONDS);
        assertEquals(204, left.status(), "leaving: " + left);
        assertTrue(Set.of(204, 403).contains(marked.status()), "the mark is made before the leaving or refused: " + marked);
        answers.add(marked.status() + "");
      }
    } finally {
      pool.shutdownNow();
    }

    long stranded = MixerFixture.count("SELECT count(*) FROM mixer_likes l JOIN checkins c"
        + " ON c.event_id = l.event_id AND c.user_id = l.from_user"
        + " WHERE l.event_id = ? AND c.mixer_left_at IS NOT NULL", mixer);
    assertEquals(0, stranded, "marks left behind by members who have left (mark answers " + answers + ")");
    Api.Response theirs = API.get("/api/events/" + mixer + "/mixer/likes", people.get(0).token());
    assertEquals(200, theirs.status());
    assertEquals(0, MixerFixture.count("SELECT count(*) FROM mixer_likes WHERE event_id = ?", mixer),
        "every attendee but the target left, so no mark remains at all");
    assertTrue(MixerFixture.matches(people.get(0).token(), mixer).stream()
        .allMatch(m -> new JsonObject().equals(m.getJsonObject("contact"))), "and nothing reaches the target");
  }
}

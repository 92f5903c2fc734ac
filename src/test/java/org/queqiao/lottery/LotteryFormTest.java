package org.queqiao.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The organiser's event form offers the allocation choice, and a lottery without a closing time is refused there. */
class LotteryFormTest {
  @Test
  void theOrganizerChoosesLotteryOnTheFormAndIsToldItNeedsAClosingTime() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, organizer);
    String blank = browser.get("/organizer/events/new").body();
    assertTrue(blank.contains("name=\"allocation\" value=\"LOTTERY\""), "the form offers a lottery");

    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf);
    form.put("type", "READING_SALON");
    form.put("title", "抽签读书会 " + Events.token());
    form.put("venue", "职工书屋");
    form.put("startsAt", Events.evening(15).toLocalDateTime().toString());
    form.put("endsAt", Events.evening(15).plusHours(2).toLocalDateTime().toString());
    form.put("capacity", "20");
    form.put("allocation", "LOTTERY");
    Api.Response refused = browser.form("/organizer/events", form);
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("抽签的活动需要填写报名截止时间"), "the closing time is asked for");
    assertTrue(refused.body().contains("value=\"LOTTERY\" checked"), "the choice stays ticked");

    form.put("registrationClosesAt", Events.evening(10).toLocalDateTime().toString());
    Api.Response created = browser.form("/organizer/events", form);
    assertEquals(303, created.status(), created.body());
    long id = Long.parseLong(created.header("Location").orElseThrow().replaceAll("\\D*(\\d+).*", "$1"));
    assertEquals("LOTTERY", Events.get(api, organizer.token(), id).getString("allocation"));
    assertTrue(browser.get("/organizer/events/" + id).body().contains("value=\"LOTTERY\" checked"),
        "the edit form shows the stored choice");
  }
}

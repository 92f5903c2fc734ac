package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void chineseAndEnglishHaveExactlyTheSameKeys() {
    Set<String> onlyChinese = new TreeSet<>(messages.keys("zh"));
    onlyChinese.removeAll(messages.keys("en"));
    Set<String> onlyEnglish = new TreeSet<>(messages.keys("en"));
    onlyEnglish.removeAll(messages.keys("zh"));
    assertEquals(Set.of(), onlyChinese, "keys without an English text");
    assertEquals(Set.of(), onlyEnglish, "keys without a Chinese text");
    assertFalse(messages.keys("zh").isEmpty());
  }

  @Test
  void patternsWithArgumentsFormatInBothLanguages() {
    assertEquals("你在候补名单第 3 位，有人取消时会按顺序递补。", messages.get("zh", "event.youAreWaitlisted", 3));
    assertEquals("You are number 3 on the waitlist; places go to the waitlist in order.",
        messages.get("en", "event.youAreWaitlisted", 3));
  }
}

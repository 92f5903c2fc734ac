package org.queqiao.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The colleague firewall compares employers by this key: one employer however it is typed. */
class EmployerNamesTest {

  @Test
  void spellingsOfOneEmployerShareAKey() {
    String key = EmployerNames.key("鹊桥科技");
    assertEquals(key, EmployerNames.key("  鹊桥科技股份有限公司 "));
    assertEquals(key, EmployerNames.key("鹊桥科技有限公司"));
    assertEquals(key, EmployerNames.key("鹊桥 科技 公司"));
    assertEquals(EmployerNames.key("Acme"), EmployerNames.key("ＡＣＭＥ Co., Ltd."));
    assertEquals(EmployerNames.key("Acme"), EmployerNames.key("acme inc"));
  }

  @Test
  void differentEmployersAndSuffixLookalikesStayApart() {
    assertNotEquals(EmployerNames.key("Tesco"), EmployerNames.key("Tes"), "a suffix counts only as its own word");
    assertNotEquals(EmployerNames.key("鹊桥科技"), EmployerNames.key("鹊桥物流"));
    assertEquals("公司", EmployerNames.key("公司"), "a name that is only a suffix keeps itself");
    assertNull(EmployerNames.key("   "));
    assertNull(EmployerNames.key(null));
  }
}

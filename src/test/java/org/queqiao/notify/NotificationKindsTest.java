package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.queqiao.support.TestApp;

/**
 * The notification kinds are named twice: in Java (NotificationKind) and in the database (the
 * kind CHECK of the latest migration, and sms_kind(), which queues the SMS). Both must agree, or a
 * new kind fails at insert time, or the settings page offers SMS for a kind that never sends one.
 */
class NotificationKindsTest {
  @Test
  void theDatabaseKnowsEveryKindAndQueuesSmsForExactlyTheKindsJavaOffersSmsFor() throws Exception {
    TestApp.get();
    Set<String> kinds = Arrays.stream(NotificationKind.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> javaSms = Arrays.stream(NotificationKind.values()).filter(NotificationKind::bySms).map(Enum::name)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> checked = new TreeSet<>();
    try (Connection db = TestApp.jdbc(); Statement st = db.createStatement()) {
      try (ResultSet rows = st.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
          + " WHERE conname = 'notifications_kind_check'")) {
        rows.next();
        Matcher m = Pattern.compile("'([A-Z_]+)'::text").matcher(rows.getString(1));
        while (m.find()) {
          checked.add(m.group(1));
        }
      }
      assertEquals(kinds, checked, "the kind CHECK lists exactly NotificationKind's values");
      Set<String> sms = new TreeSet<>();
      try (ResultSet rows = st.executeQuery("SELECT k FROM unnest(ARRAY['" + String.join("','", kinds) + "']) k"
          + " WHERE sms_kind(k)")) {
        while (rows.next()) {
          sms.add(rows.getString(1));
        }
      }
      assertEquals(javaSms, sms, "sms_kind() and NotificationKind.bySms() name the same kinds");
    }
  }
}

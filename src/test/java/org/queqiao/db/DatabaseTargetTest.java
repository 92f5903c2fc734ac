package org.queqiao.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {
  @Test
  void aDatabaseUrlIsSplitAndPercentDecoded() {
    DatabaseTarget target = DatabaseTarget.fromUrl("postgresql://queqiao:p%40ss+w%2Frd@db.internal:6432/queqiao_prod");
    assertEquals("db.internal", target.host());
    assertEquals(6432, target.port());
    assertEquals("queqiao_prod", target.database());
    assertEquals("queqiao", target.user());
    assertEquals("p@ss+w/rd", target.password(), "a plus in the password stays a plus");
    assertEquals("jdbc:postgresql://db.internal:6432/queqiao_prod", target.jdbcUrl());
  }

  @Test
  void defaultsAndRefusals() {
    DatabaseTarget target = DatabaseTarget.fromUrl("postgres://app@localhost/app");
    assertEquals(5432, target.port());
    assertEquals("", target.password());
    assertThrows(IllegalArgumentException.class, () -> DatabaseTarget.fromUrl("mysql://u:p@h/db"));
    assertThrows(IllegalArgumentException.class, () -> DatabaseTarget.fromUrl("postgresql:///nohost"));
  }
}

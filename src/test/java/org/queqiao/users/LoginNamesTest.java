package org.queqiao.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginNamesTest {
  @Test
  void mobileNumbersLoseSpacesDashesPrefixesAndFullWidthDigits() {
    assertEquals(Optional.of("13800138000"), LoginNames.normalise("13800138000"));
    assertEquals(Optional.of("13800138000"), LoginNames.normalise(" 138 0013 8000 "));
    assertEquals(Optional.of("13800138000"), LoginNames.normalise("138-0013-8000"));
    assertEquals(Optional.of("13800138000"), LoginNames.normalise("+86 138 0013 8000"));
    assertEquals(Optional.of("13800138000"), LoginNames.normalise("008613800138000"));
    assertEquals(Optional.of("13800138000"), LoginNames.normalise("１３８００１３８０００"));
  }

  @Test
  void emailAddressesAreTrimmedAndLowerCased() {
    assertEquals(Optional.of("wang.fang@example.com"), LoginNames.normalise("  Wang.Fang@Example.COM "));
    assertEquals(Optional.of("a@example.com"), LoginNames.normalise("ａ＠ｅｘａｍｐｌｅ．ｃｏｍ"));
  }

  @Test
  void anythingElseIsNotALogin() {
    assertTrue(LoginNames.normalise("12345").isEmpty());
    assertTrue(LoginNames.normalise("23800138000").isEmpty(), "mainland mobiles start with 1[3-9]");
    assertTrue(LoginNames.normalise("1380013800").isEmpty());
    assertTrue(LoginNames.normalise("not an email@").isEmpty());
    assertTrue(LoginNames.normalise("a@b").isEmpty());
    assertTrue(LoginNames.normalise("").isEmpty());
    assertTrue(LoginNames.normalise(null).isEmpty());
  }
}

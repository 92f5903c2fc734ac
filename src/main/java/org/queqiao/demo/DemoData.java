package org.queqiao.demo;

import io.vertx.core.Future;
import java.util.List;
import org.queqiao.auth.PasswordHasher;

/**
 * What a newcomer sees on an empty database with DEMO_DATA on: a few unions and one account for
 * every role. The README lists these logins; they all share {@link #PASSWORD}.
 */
public final class DemoData {
  public static final String PASSWORD = "queqiao2026";

  static final List<String> UNIONS = List.of("银川市总工会", "兴庆区总工会", "金凤区总工会", "芜湖市总工会");

  record DemoUser(String login, String displayName, String nickname, String gender, Integer birthYear,
      int unionIndex, String memberNo, List<String> roles) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("admin@queqiao.example", "系统管理员", null, null, null, 0, null, List.of("ADMIN")),
      new DemoUser("organizer@queqiao.example", "王组织", "小王", "FEMALE", 1988, 0, "YC-0001", List.of("ORGANIZER")),
      new DemoUser("hongniang@queqiao.example", "李红娘", "红娘李姐", "FEMALE", 1979, 3, "WH-0001", List.of("MATCHMAKER")),
      new DemoUser("13900000001", "张伟", "阿伟", "MALE", 1995, 1, "XQ-1001", List.of()),
      new DemoUser("13900000002", "李娜", "娜娜", "FEMALE", 1996, 1, "XQ-1002", List.of()),
      new DemoUser("13900000003", "王芳", "芳芳", "FEMALE", 1993, 2, "JF-2001", List.of()),
      new DemoUser("13900000004", "刘强", "强子", "MALE", 1991, 2, "JF-2002", List.of()),
      new DemoUser("member@queqiao.example", "陈静", "静静", "FEMALE", 1998, 0, "YC-3001", List.of()));

  private DemoData() {}

  /** Loads the demo set unless the database already holds any union or user. */
  public static Future<Boolean> loadIfEmpty(DemoRepository repository, PasswordHasher hasher) {
    return repository.isEmpty().compose(empty -> {
      if (!empty) {
        return Future.succeededFuture(false);
      }
      List<Future<String>> hashes = USERS.stream().map(u -> hasher.hash(PASSWORD)).toList();
      return Future.all(hashes).compose(all -> repository.insertIfEmpty(UNIONS, USERS, all.list()));
    });
  }
}

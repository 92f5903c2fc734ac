package org.queqiao.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.queqiao.accounts.PasswordHasher;

/**
 * What a newcomer sees on an empty database with DEMO_DATA on: a few unions, one account for
 * every role, upcoming events of each kind and a few past ones with sign-ups. The README lists these logins; they all share {@link #PASSWORD}.
 */
public final class DemoData {
  public static final String PASSWORD = "queqiao2026";

  /** A union and the index of its parent in {@link #UNIONS} (earlier in the list), or null. */
  record DemoUnion(String name, Integer parentIndex) {}

  static final List<DemoUnion> UNIONS = List.of(new DemoUnion("银川市总工会", null),
      new DemoUnion("兴庆区总工会", 0), new DemoUnion("金凤区总工会", 0), new DemoUnion("芜湖市总工会", null));

  record DemoUser(String login, String displayName, String nickname, String gender, Integer birthYear,
      int unionIndex, String memberNo, List<String> roles) {}

  static final int ORGANIZER_INDEX = 1;
  static final int MATCHMAKER_INDEX = 2;

  static final List<DemoUser> USERS = List.of(
      new DemoUser("admin@queqiao.example", "系统管理员", null, null, null, 0, null, List.of("ADMIN")),
      new DemoUser("organizer@queqiao.example", "王组织", "小王", "FEMALE", 1988, 0, "YC-0001", List.of("ORGANIZER")),
      new DemoUser("hongniang@queqiao.example", "李红娘", "红娘李姐", "FEMALE", 1979, 3, "WH-0001", List.of("MATCHMAKER")),
      new DemoUser("13900000001", "张伟", "阿伟", "MALE", 1995, 1, "XQ-1001", List.of()),
      new DemoUser("13900000002", "李娜", "娜娜", "FEMALE", 1996, 1, "XQ-1002", List.of()),
      new DemoUser("13900000003", "王芳", "芳芳", "FEMALE", 1993, 2, "JF-2001", List.of()),
      new DemoUser("13900000004", "刘强", "强子", "MALE", 1991, 2, "JF-2002", List.of()),
      new DemoUser("member@queqiao.example", "陈静", "静静", "FEMALE", 1998, 0, "YC-3001", List.of()));

  /** A demo event starting {@code daysFromToday} days from today at {@code hour}:00 Beijing time. */
  record DemoEvent(String type, String title, String description, String venue, int daysFromToday, int hour,
      int hours, List<DemoPool> pools, List<Integer> attendeeIndexes) {}

  record DemoPool(String key, String label, int capacity) {}

  static final List<DemoEvent> EVENTS = List.of(
      new DemoEvent("READING_SALON", "凤城工友读书会 · 《平凡的世界》",
          "每月一次的工友读书会。本期共读路遥《平凡的世界》第一部，欢迎带上你最有感触的一段。\n现场提供茶水，活动结束后可借阅书籍。",
          "银川市工人文化宫三楼阅览室", 5, 19, 2, List.of(new DemoPool("main", "名额", 40)), List.of(3, 4)),
      new DemoEvent("SPORTS_DAY", "站前街道趣味运动会",
          "四个社区队伍同场竞技，共八个项目：\n1. 拔河\n2. 跳大绳\n3. 袋鼠跳接力\n4. 两人三足\n5. 托球跑\n6. 投篮比赛\n7. 踢毽子\n8. 趣味障碍跑\n请按所在社区选择队伍，每队 50 人。",
          "站前街道文体广场", 12, 9, 8,
          List.of(new DemoPool("team1", "站前一社区队", 50), new DemoPool("team2", "站前二社区队", 50),
              new DemoPool("team3", "铁东社区队", 50), new DemoPool("team4", "铁西社区队", 50)), List.of(3)),
      new DemoEvent("MIXER", "皖工鹊桥·会聚良缘 单身职工联谊会",
          "面向单身职工的联谊活动：破冰游戏、茶歇交流、兴趣小组。现场每人有编号胸牌，活动后可通过鹊桥私下标记想交换联系方式的人，双方都同意才会互相看到。\n工会红娘全程在场，可帮你转达心意。",
          "芜湖市职工之家多功能厅", 20, 14, 4,
          List.of(new DemoPool("FEMALE", "女", 60), new DemoPool("MALE", "男", 60)), List.of()),
      new DemoEvent("READING_SALON", "凤城工友读书会 · 《活着》", "上月共读余华《活着》。",
          "银川市工人文化宫三楼阅览室", -30, 19, 2, List.of(new DemoPool("main", "名额", 30)), List.of(3, 4, 5, 6, 7)),
      new DemoEvent("OTHER", "职工健康讲座：颈椎与腰椎保健", "三甲医院康复科医生主讲，现场答疑。",
          "兴庆区总工会报告厅", -14, 15, 2, List.of(new DemoPool("main", "名额", 100)), List.of(4, 5, 7)));

  private DemoData() {}

  /** Loads the demo set unless the database already holds any union or user. */
  public static Future<Boolean> loadIfEmpty(Pool pool, DemoRepository repository, PasswordHasher hasher) {
    return repository.isEmpty(pool).compose(empty -> {
      if (!empty) {
        return Future.succeededFuture(false);
      }
      List<Future<String>> hashes = USERS.stream().map(u -> hasher.hash(PASSWORD)).toList();
      return Future.all(hashes).compose(all -> pool.withTransaction(conn ->
          repository.insertIfEmpty(conn, UNIONS, USERS, all.list(), EVENTS)));
    });
  }
}

package org.queqiao.sports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.queqiao.web.Messages;

/** The words of the entries page: a game's limits, and why an entry was refused (only our own messages). */
final class EntryTexts {
  /** The refusals the page may name after a redirect; a link cannot make it say anything else. */
  static final Set<String> REFUSALS = Set.of("field.sports.notCheckedIn", "field.sports.overTeamSize",
      "field.sports.quotaUnmet", "field.sports.overGameLimit", "error.sports.entriesClosed",
      "error.sports.gameNotFound");

  private EntryTexts() {}

  static String limits(Game game, String lang, Messages messages) {
    List<String> parts = new ArrayList<>();
    if (game.teamSize() != null) {
      parts.add(messages.get(lang, "sports.limit.teamSize", game.teamSize()));
    }
    if (game.minFemale() > 0) {
      parts.add(messages.get(lang, "sports.limit.female", game.minFemale()));
    }
    if (game.minMale() > 0) {
      parts.add(messages.get(lang, "sports.limit.male", game.minMale()));
    }
    return String.join(" · ", parts);
  }

  static String refusal(String why, String lang, Messages messages) {
    List<String> texts = new ArrayList<>();
    for (String key : why.split(",")) {
      if (REFUSALS.contains(key)) {
        texts.add(messages.get(lang, key));
      }
    }
    return texts.isEmpty() ? messages.get(lang, "sports.entries.refused") : String.join(" ", texts);
  }
}

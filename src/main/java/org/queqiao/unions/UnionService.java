package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import org.queqiao.web.ApiError;

/** The union tree: listing and searching it, adding a union under an existing parent, choosing one by name. */
public final class UnionService {
  /** How many matches a form offers to choose from when a typed name is not exact. */
  public static final int CANDIDATES = 20;

  private final Pool pool;
  private final UnionRepository unions;

  public UnionService(Pool pool, UnionRepository unions) {
    this.pool = pool;
    this.unions = unions;
  }

  public Future<List<Union>> list() {
    return unions.list(pool);
  }

  public Future<UnionRepository.Page> search(String query, Long parentId, int limit, int offset) {
    return unions.search(pool, query, parentId, limit, offset);
  }

  public Future<Optional<Union>> find(long id) {
    return unions.find(pool, id);
  }

  public Future<Union> create(String name, Long parentId) {
    return unions.insert(pool, name, parentId).recover(UnionErrors::translate);
  }

  /**
   * What a form's union field comes to: the union picked from offered choices ({@code pickedId}),
   * else the one whose name was typed exactly, else nothing when the name is blank. A name that is
   * not exact is refused with up to {@link #CANDIDATES} unions that contain it, to pick from; this
   * is how a page without JavaScript searches among thousands of unions.
   */
  public Future<Choice> choose(String field, String pickedId, String typedName) {
    if (pickedId != null && !pickedId.isBlank()) {
      if (!pickedId.strip().matches("\\d{1,18}")) {
        return Future.succeededFuture(Choice.refused(UnionErrors.unknownUnion(field), List.of()));
      }
      return unions.find(pool, Long.parseLong(pickedId.strip())).map(found -> found
          .map(Choice::of)
          .orElseGet(() -> Choice.refused(UnionErrors.unknownUnion(field), List.of())));
    }
    if (typedName == null || typedName.isBlank()) {
      return Future.succeededFuture(Choice.of(null));
    }
    return unions.findByName(pool, typedName).compose(exact -> exact.isPresent()
        ? Future.succeededFuture(Choice.of(exact.get()))
        : unions.search(pool, typedName, null, CANDIDATES, 0).map(page -> Choice.refused(
            page.items().isEmpty() ? UnionErrors.noMatch(field) : UnionErrors.pickOne(field),
            page.items().stream().map(UnionRepository.Listed::union).toList())));
  }

  /** A union chosen (null: none), or the refusal and the unions to pick from. */
  public record Choice(Union union, ApiError refusal, List<Union> candidates) {
    static Choice of(Union union) {
      return new Choice(union, null, List.of());
    }

    static Choice refused(ApiError refusal, List<Union> candidates) {
      return new Choice(null, refusal, candidates);
    }

    public boolean chosen() {
      return refusal == null;
    }

    public Long id() {
      return union == null ? null : union.id();
    }
  }
}

package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Token scopes in the distribution syntax, {@code repository:web/backend:pull,push}. A scope set is sorted
 * so that it can key the token cache whatever order the actions were asked in.
 */
final class Scopes {

  private Scopes() {}

  static SortedSet<String> none() {
    return new TreeSet<>();
  }

  static SortedSet<String> of(Repository repository, String actions) {
    SortedSet<String> scopes = new TreeSet<>();
    scopes.add("repository:" + repository.path() + ":" + actions);
    return scopes;
  }

  static SortedSet<String> pull(Repository repository) {
    return of(repository, "pull");
  }

  static SortedSet<String> push(Repository repository) {
    return of(repository, "pull,push");
  }

  /** A mount reads the source repository, so the token must also allow pulling from it. */
  static SortedSet<String> mount(Repository target, Repository source) {
    SortedSet<String> scopes = push(target);
    scopes.addAll(pull(source));
    return scopes;
  }

  static SortedSet<String> delete(Repository repository) {
    return of(repository, "delete");
  }

  /** GitLab grants nothing for a plain {@code delete}; it grants deleting under {@code *}. */
  static SortedSet<String> everything(Repository repository) {
    return of(repository, "*");
  }

  static SortedSet<String> copy(Set<String> scopes) {
    return new TreeSet<>(scopes);
  }
}

package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of {@code GET /v2/<name>/tags/list?n=}: its tags and the next page from the
 * {@code Link: <...>; rel="next"} header. A repository that does not exist has no tags.
 */
final class TagsListEndpoint extends RepositoryEndpoint<TagsListEndpoint.Page> {

  static final int PAGE_SIZE = 1000;
  private static final int PAGE_BODY_CAP = 4 * 1024 * 1024;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

  record Page(List<String> tags, Optional<URI> next) {}

  private final Optional<URI> page;
  private URI requestUrl;

  /** @param page the next-page URL of the previous page; empty for the first */
  TagsListEndpoint(Repository repository, Optional<URI> page) {
    super("GET", RegistryAction.LIST_TAGS, repository, "");
    this.page = page;
  }




  @Override
  public URI url(URI apiBase) {
    requestUrl = page.orElseGet(() -> ApiPaths.of(apiBase, repository(), "tags/list?n=" + PAGE_SIZE));
    return requestUrl;
  }

  @Override
  public SortedSet<String> scopes() {
    return Scopes.pull(repository());
  }

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public Page handleResponse(HttpResponse response) throws IOException, RegistryException {
    List<String> tags = new ArrayList<>();
    try {
      JsonNode json = Json.tree(response.read(PAGE_BODY_CAP));
      JsonNode list = json.get("tags");
      if (list != null && list.isArray()) {
        for (JsonNode tag : list) {
          tags.add(checked(tag, response));
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw unusable(response, "the registry sent a tag list that is not JSON");
    }
    Optional<URI> next = Optional.empty();
    for (String link : response.headers("Link")) {
      Matcher matcher = NEXT_LINK.matcher(link);
      if (matcher.find()) {
        try {
          next = Optional.of(requestUrl.resolve(matcher.group(1)));
        } catch (IllegalArgumentException e) {
          throw unusable(response, "the registry sent a next-page link that is not a URL: " + UserText.quote(matcher.group(1)));
        }
      }
    }
    return new Page(tags, next);
  }

  /**
   * A tag as docker's grammar has it: cleanup and stages pull name each tag in a reference, and a registry
   * that lists something else (an empty string, a path, a number where a string belongs) is refused here.
   */
  private String checked(JsonNode tag, HttpResponse response) throws RegistryException {
    String text = tag.isTextual() ? tag.textValue() : tag.toString();
    try {
      repository().withTag(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw unusable(response, "the registry listed a tag that is not one: " + UserText.quote(text));
    }
  }

  @Override
  public Optional<Page> handleError(int status, RegistryErrors errors) {
    if (status == 404 && (errors.has("NAME_UNKNOWN") || errors.entries().isEmpty())) {
      return Optional.of(new Page(List.of(), Optional.empty()));
    }
    return Optional.empty();
  }
}

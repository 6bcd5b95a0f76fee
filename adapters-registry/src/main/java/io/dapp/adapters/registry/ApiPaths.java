package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs of the Registry API. Repository paths, tags and digests are validated, so they need no escaping. */
final class ApiPaths {

  private ApiPaths() {}

  static URI of(URI apiBase, Repository repository, String rest) {
    return apiBase.resolve("/v2/" + repository.path() + "/" + rest);
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Adds a query parameter to a URL the registry gave (an upload location), which may have a query already. */
  static URI withParameter(URI uri, String name, String value) {
    String separator = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(uri + separator + name + "=" + query(value));
  }
}

package io.dapp.adapters.registry;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One HTTP request as the transport sends it. Its toString leaves out headers: they may carry credentials. */
record HttpRequest(String method, URI uri, Map<String, String> headers, Optional<RequestBody> body) {

  HttpRequest {
    Objects.requireNonNull(method, "'method' must not be null");
    Objects.requireNonNull(uri, "'uri' must not be null");
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "'body' must not be null");
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}

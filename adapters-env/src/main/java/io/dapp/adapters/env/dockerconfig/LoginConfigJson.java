package io.dapp.adapters.env.dockerconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.dockerconfig.DockerConfigKeys;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The config.json {@code docker login} would leave behind for these logins, and nothing more. */
final class LoginConfigJson {

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] content(Map<RegistryHost, Credentials> logins) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode auths = root.putObject("auths");
    logins.forEach((host, credentials) -> auths.putObject(DockerConfigKeys.keyFor(host))
        .put("auth", basicAuth(credentials)));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      // A tree of strings always serialises; this would be a Jackson bug.
      throw new IllegalStateException("could not serialise a docker config", e);
    }
  }

  private static String basicAuth(Credentials credentials) {
    String userAndPassword = credentials.username() + ":" + credentials.password().reveal();
    return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }
}

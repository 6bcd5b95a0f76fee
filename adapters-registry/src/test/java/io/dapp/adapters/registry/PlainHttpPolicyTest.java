package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every scheme decision of the adapter, as a table: which URLs may be sent to, and what a ping tries. */
class PlainHttpPolicyTest {

  private static PlainHttpPolicy policy(String insecure) {
    Set<RegistryHost> hosts = insecure.isBlank() ? Set.of()
        : Arrays.stream(insecure.split(" ")).map(RegistryHost::new).collect(Collectors.toSet());
    return new PlainHttpPolicy(new RegistryOptions(hosts, Platform.LINUX_AMD64, RetryPolicy.NONE));
  }

  @ParameterizedTest(name = "{0} with insecure [{1}] -> {2}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      // TLS is always allowed
      "https://registry.example.com/v2/            | none                       | true",
      "https://192.0.2.7:5000/v2/                  | none                       | true",
      // loopback hosts: plain HTTP never leaves the machine
      "http://127.0.0.1:5000/v2/                   | none                       | true",
      "http://127.0.0.2/v2/                        | none                       | true",
      "http://localhost:5000/v2/                   | none                       | true",
      "http://[::1]:5000/v2/                       | none                       | true",
      "HTTP://127.0.0.1:5000/v2/                   | none                       | true",
      // anything else: refused unless listed
      "http://registry.example.com/v2/             | none                       | false",
      "http://registry.example.com:5000/v2/        | none                       | false",
      "http://192.0.2.2:5000/v2/                   | none                       | false",
      "http://127.0.0.1.nip.io:5000/v2/            | none                       | false",
      "http://localhost.example.com/v2/            | none                       | false",
      "http://[::2]:5000/v2/                       | none                       | false",
      "http://registry.example.com:5000/v2/        | other.example.com:5000     | false",
      // listed hosts: with the port they were listed with, or without one on HTTP's default port
      "http://registry.example.com:5000/v2/        | registry.example.com:5000  | true",
      "http://REGISTRY.example.com:5000/v2/        | registry.example.com:5000  | true",
      "http://registry.example.com:5001/v2/        | registry.example.com:5000  | false",
      "http://registry.example.com/v2/             | registry.example.com:5000  | false",
      "http://registry.example.com/v2/             | registry.example.com       | true",
      "http://registry.example.com:80/v2/          | registry.example.com       | true",
      "http://registry.example.com:5000/v2/        | registry.example.com       | false",
      "http://bob@registry.example.com:5000/v2/    | registry.example.com:5000  | true",
      "http://192.0.2.2:5000/v2/                   | 192.0.2.2:5000             | true",
      // other schemes and nonsense: never
      "ftp://127.0.0.1/blob                        | none                       | false",
      "file:///etc/passwd                          | none                       | false",
      "/v2/relative                                | none                       | false",
      "ws://127.0.0.1:5000/                        | none                       | false",
  })
  void permits_onlyTlsOrLoopbackOrListedHosts(String uri, String insecure, boolean permitted) {
    assertThat(policy(insecure == null ? "" : insecure).permits(URI.create(uri))).isEqualTo(permitted);
  }

  @ParameterizedTest(name = "{0} with insecure [{1}] -> {2}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "127.0.0.1:5000            | none                      | http https",
      "localhost                 | none                      | http https",
      "registry.example.com:5000 | registry.example.com:5000 | https http",
      "registry.example.com:5000 | none                      | https",
      "192.0.2.2:5000            | none                      | https",
      "docker.io                 | none                      | https",
  })
  void pingSchemes_tryPlainHttpOnlyWhereItIsAllowed(String host, String insecure, String schemes) {
    assertThat(policy(insecure == null ? "" : insecure).pingSchemes(new RegistryHost(host)))
        .isEqualTo(List.of(schemes.split(" ")));
  }

  /** The policy remembers its decisions per host and port: one asked many URLs decides each as a new one would. */
  @Test
  void aPolicyAskedManyUrls_decidesEachAsANewPolicyWould() {
    List<String> uris = List.of("http://registry.example.com:5000/v2/", "http://registry.example.com:5001/v2/",
        "http://registry.example.com/v2/", "http://registry.example.com:80/v2/", "http://127.0.0.1:5000/v2/",
        "http://REGISTRY.example.com:5000/v2/", "http://other.example.com:5000/v2/", "https://other.example.com/v2/",
        "http://registry.example.com:5001/v2/x", "http://127.0.0.1.nip.io:5000/v2/", "http://registry.example.com/v2/");
    PlainHttpPolicy remembering = policy("registry.example.com:5000");
    for (int round = 0; round < 2; round++) {
      for (String uri : uris) {
        assertThat(remembering.permits(URI.create(uri))).as(uri)
            .isEqualTo(policy("registry.example.com:5000").permits(URI.create(uri)));
      }
    }
  }
}

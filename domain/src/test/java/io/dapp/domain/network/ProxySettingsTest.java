package io.dapp.domain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySettingsTest {

  private static ProxySettings from(String... pairs) throws InvalidInputException {
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(pairs[i], pairs[i + 1]);
    }
    return ProxySettings.from(variables);
  }

  @Test
  void httpsGoesThroughHttpsProxy_andHttpThroughHttpProxy_neverTheOther() throws Exception {
    ProxySettings settings = from("HTTPS_PROXY", "secure.proxy:3128", "HTTP_PROXY", "http://plain.proxy:8080");

    assertThat(settings.route("https", "registry.corp", 443).proxy()).map(Object::toString)
        .contains("http://secure.proxy:3128");
    assertThat(settings.route("http", "registry.corp", 80).proxy()).map(Object::toString)
        .contains("http://plain.proxy:8080");
    assertThat(from("HTTP_PROXY", "plain.proxy").route("https", "registry.corp", 443).proxy()).isEmpty();
    assertThat(from("HTTPS_PROXY", "secure.proxy").route("http", "registry.corp", 80).proxy()).isEmpty();
  }

  @Test
  void upperCaseWins_andAnEmptyVariableIsUnset() throws Exception {
    ProxySettings settings = from("HTTPS_PROXY", "upper:1", "https_proxy", "lower:2", "NO_PROXY", "",
        "no_proxy", ".corp");

    assertThat(settings.https()).map(ProxyAddress::describe).contains("http://upper:1 ($HTTPS_PROXY)");
    assertThat(settings.route("https", "registry.corp", 443).reason())
        .isEqualTo("direct: $no_proxy entry '.corp' matches");
    assertThat(from("HTTPS_PROXY", "", "https_proxy", "lower:2").https()).map(ProxyAddress::variable)
        .contains("https_proxy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "LOCALHOST"})
  void loopback_neverGoesThroughAProxy(String host) throws Exception {
    ProxyRoute route = from("HTTPS_PROXY", "proxy:3128", "HTTP_PROXY", "proxy:3128").route("https", host, 5000);

    assertThat(route.proxy()).isEmpty();
    assertThat(route.reason()).isEqualTo("direct: localhost and loopback addresses never go through a proxy");
  }

  @Test
  void otherNamesForTheMachine_doGoThroughTheProxy_asInGo() throws Exception {
    ProxySettings settings = from("HTTPS_PROXY", "proxy:3128");

    assertThat(settings.route("https", "registry.localhost", 443).proxy()).isPresent();
    assertThat(settings.route("https", "ip6-localhost", 443).proxy()).isPresent();
    assertThat(settings.route("https", "[::2]", 443).proxy()).isPresent();
  }

  @Test
  void routes_sayWhy() throws Exception {
    ProxySettings settings = from("HTTPS_PROXY", "http://user:pw-1@proxy:3128", "NO_PROXY", "10.0.0.0/8");

    assertThat(settings.route("https", "registry.corp", 443).reason())
        .isEqualTo("through the proxy http://proxy:3128 ($HTTPS_PROXY)");
    assertThat(settings.route("https", "10.1.1.1", 443).reason())
        .isEqualTo("direct: $NO_PROXY entry '10.0.0.0/8' matches");
    assertThat(settings.route("http", "registry.corp", 80).reason()).isEqualTo("direct: $HTTP_PROXY is not set");
  }

  @Test
  void describe_namesTheProxiesWithoutCredentials() throws Exception {
    ProxySettings settings = from("HTTPS_PROXY", "http://user:pw-1@proxy:3128", "NO_PROXY", "corp, 10.0.0.0/8");

    assertThat(settings.describe()).isEqualTo("https: http://proxy:3128 ($HTTPS_PROXY); http: direct ($HTTP_PROXY "
        + "is not set); $NO_PROXY: 'corp, 10.0.0.0/8'");
    assertThat(settings.toString()).doesNotContain("pw-1").doesNotContain("user");
    assertThat(ProxySettings.NONE.describe()).isEqualTo("no proxy ($HTTPS_PROXY and $HTTP_PROXY are not set)");
  }

  @Test
  void aProxyValueThatIsNoUrl_isBadInput_namingTheVariable_withoutTheValue() {
    assertThatThrownBy(() -> from("https_proxy", "http://user:secret-9@proxy:99999"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("$https_proxy: the proxy's port is not a number from 1 to 65535")
        .hasMessageNotContaining("secret-9");
  }
}

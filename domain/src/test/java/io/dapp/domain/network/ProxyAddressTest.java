package io.dapp.domain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "proxy.corp:3128, http://proxy.corp:3128",
      "proxy.corp, http://proxy.corp:80",
      "http://proxy.corp, http://proxy.corp:80",
      "HTTP://Proxy.Corp:3128/, http://proxy.corp:3128",
      "http://proxy.corp:3128/ignored/path?q=1, http://proxy.corp:3128",
      "10.0.0.1:3128, http://10.0.0.1:3128",
      "[fd00::1]:3128, http://[fd00::1]:3128",
      "http://[fd00::1], http://[fd00::1]:80",
      "' http://proxy.corp:3128 ', http://proxy.corp:3128",
  })
  void readsWhatGoReads(String value, String address) throws Exception {
    assertThat(ProxyAddress.parse("HTTPS_PROXY", value).toString()).isEqualTo(address);
  }

  @Test
  void credentials_areDecoded_kept_andNeverShown() throws Exception {
    ProxyAddress proxy = ProxyAddress.parse("HTTPS_PROXY", "http://us%40er:p%3Ass%2Fw@rd@proxy.corp:3128");

    assertThat(proxy.credentials()).hasValueSatisfying(credentials -> {
      assertThat(credentials.username()).isEqualTo("us@er");
      assertThat(credentials.revealPassword()).isEqualTo("p:ss/w@rd");
    });
    assertThat(proxy.toString()).isEqualTo("http://proxy.corp:3128");
    assertThat(proxy.describe()).isEqualTo("http://proxy.corp:3128 ($HTTPS_PROXY)");
    assertThat(String.valueOf(proxy.credentials())).doesNotContain("us@er").doesNotContain("p:ss");
  }

  @Test
  void aUserWithoutPassword_hasAnEmptyPassword_asGoSendsIt() throws Exception {
    ProxyAddress proxy = ProxyAddress.parse("HTTP_PROXY", "user@proxy.corp:3128");

    assertThat(proxy.credentials()).hasValueSatisfying(credentials -> {
      assertThat(credentials.username()).isEqualTo("user");
      assertThat(credentials.revealPassword()).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://user:pw-7@proxy.corp|$HTTPS_PROXY: a proxy spoken to over TLS (https://) is not supported; name it with http://",
      "socks5://user:pw-7@proxy.corp:1080|$HTTPS_PROXY: SOCKS proxies are not supported; name an HTTP proxy with http://",
      "ftp://proxy.corp|$HTTPS_PROXY: not a proxy URL (expected http://[USER:PASSWORD@]HOST[:PORT])",
      "http://user:pw-7@proxy.corp:0|$HTTPS_PROXY: the proxy's port is not a number from 1 to 65535",
      "http://user:pw-7@proxy.corp:http|$HTTPS_PROXY: the proxy's port is not a number from 1 to 65535",
      "http://user:pw-7@|$HTTPS_PROXY: not a proxy URL (expected http://[USER:PASSWORD@]HOST[:PORT])",
      "http://:pw-7@proxy.corp|$HTTPS_PROXY: the proxy URL's user name is empty or holds ':' (expected http://[USER:PASSWORD@]HOST[:PORT])",
      "http://user:pw-7%zz@proxy.corp|$HTTPS_PROXY: the proxy URL's user or password has a malformed % escape",
      "http://pro xy:pw-7@pro xy|$HTTPS_PROXY: not a proxy URL (expected http://[USER:PASSWORD@]HOST[:PORT])",
      "http://[fd00::1|$HTTPS_PROXY: not a proxy URL (expected http://[USER:PASSWORD@]HOST[:PORT])",
  })
  void whatIsNoProxyUrl_isBadInput_namingTheVariable_neverTheValue(String value, String message) {
    assertThatThrownBy(() -> ProxyAddress.parse("HTTPS_PROXY", value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message)
        .hasMessageNotContaining("pw-7");
  }
}

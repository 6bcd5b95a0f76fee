package io.dapp.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NO_PROXY read as Go's httpproxy reads it; the entries and most cases are those of Go's own table
 * ({@code TestUseProxy}), with the port of each request written out.
 */
class NoProxyTest {

  private static final NoProxy GO_TABLE = new NoProxy("foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, "
      + "192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:3]:443, 2002:db8:a::45/64");

  @ParameterizedTest(name = "{0}:{1} bypasses: {2}")
  @CsvSource({
      // IP addresses: exact, with a port, CIDR ranges; IPv6 in either notation
      "192.168.1.1, 80, 192.168.1.1",
      "192.168.1.1, 5000, 192.168.1.1",
      "192.168.1.2, 80, ",
      "192.168.1.2, 81, 192.168.1.2:81",
      "192.168.1.3, 80, 192.168.1.3:80",
      "192.168.1.3, 443, ",
      "192.168.1.4, 80, ",
      "10.0.0.2, 80, 10.0.0.0/30",
      "10.0.0.3, 443, 10.0.0.0/30",
      "10.0.0.4, 80, ",
      "2001:db8::52:0:1, 80, 2001:db8::52:0:1",
      "[2001:db8::52:0:1], 443, 2001:db8::52:0:1",
      "2001:db8::52:0:2, 80, ",
      "2001:db8::52:0:3, 443, [2001:db8::52:0:3]:443",
      "2001:db8::52:0:3, 80, ",
      "2002:db8:a::123, 80, 2002:db8:a::45/64",
      "fe80::424b:c8be:1643:a1b6, 80, ",
      // domains: 'foobar.com' matches itself and below, '.barbaz.net' and '*.wildcard.io' only below
      "barbaz.net, 80, ",
      "www.barbaz.net, 80, .barbaz.net",
      "foobar.com, 80, foobar.com",
      "www.foobar.com, 443, foobar.com",
      "FooBar.COM, 443, foobar.com",
      "foofoobar.com, 80, ",
      "baz.com, 80, ",
      "localhost.net, 80, ",
      "local.localhost, 80, ",
      "barbarbaz.net, 80, ",
      "wildcard.io, 80, ",
      "nested.wildcard.io, 80, *.wildcard.io",
      "awildcard.io, 80, ",
  })
  void goTable(String host, int port, String entry) {
    assertThat(GO_TABLE.bypassFor(host, port)).isEqualTo(Optional.ofNullable(entry));
  }

  @ParameterizedTest(name = "NO_PROXY=''{0}'': {1}:{2} bypasses: {3}")
  @CsvSource(delimiter = '|', value = {
      // '*' alone, or anywhere in the list, sends everything around the proxy
      "*|registry.corp|443|*",
      "corp, *|10.1.1.1|443|*",
      // domains with a port match that port only, ports compared as written
      "registry.corp:5000|registry.corp|5000|registry.corp:5000",
      "registry.corp:5000|registry.corp|443|",
      "registry.corp:080|registry.corp|80|",
      // a bare name, a leading dot and a leading '*.'
      "corp|corp|443|corp",
      "corp|a.b.corp|443|corp",
      ".corp|corp|443|",
      ".corp|a.corp|443|.corp",
      "*.corp|corp|443|",
      // a CIDR range matches addresses only: never a host name, whatever it resolves to
      "10.0.0.0/8|10.20.30.40|5000|10.0.0.0/8",
      "10.0.0.0/8|ten.corp|443|",
      "10.0.0.0/8|11.0.0.1|443|",
      "0.0.0.0/0|192.0.2.7|443|0.0.0.0/0",
      "10.0.0.0/8|::ffff:10.1.2.3|443|10.0.0.0/8",
      "fd00::/8|fd12:3456::1|443|fd00::/8",
      "fd00::/8|10.1.1.1|443|",
      // an address entry never matches a name, a domain entry never an address
      "10.1.2.3|host.corp|443|",
      "3.2.1|1.2.3.4|443|",
      // spaces, case and empty entries are forgiven; what Go cannot read is passed over
      "  ,REGISTRY.Corp ,, |registry.corp|443|registry.corp",
      ":5000|registry.corp|5000|",
      "[::1|registry.corp|443|",
      "10.0.0.0/33|10.0.0.1|443|",
      "10.0.0.1/08|10.0.0.1|443|",
      // a bracketed IPv6 address needs its port, as in Go
      "[2001:db8::1]|2001:db8::1|443|",
      "2001:db8::1|2001:db8::1|443|2001:db8::1",
      // Go reads IPv4 without leading zeros
      "010.0.0.1|10.0.0.1|443|",
  })
  void entries(String noProxy, String host, int port, String entry) {
    assertThat(new NoProxy(noProxy).bypassFor(host, port)).isEqualTo(Optional.ofNullable(entry));
  }

  @ParameterizedTest(name = "[{index}]")
  @CsvSource({"''", "' '", "','"})
  void emptyLists_bypassNothing(String noProxy) {
    assertThat(new NoProxy(noProxy).bypassFor("registry.corp", 443)).isEmpty();
  }
}

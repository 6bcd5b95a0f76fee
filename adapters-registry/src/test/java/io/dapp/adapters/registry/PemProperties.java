package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.testing.HostileInput;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PEM files over hostile text and bytes (any characters, broken blocks, valid keys and certificates with
 * bytes changed, random DER in a key's block): a key or certificates, or a one-line {@link TlsFileException}
 * naming the file, within a bound; never another exception. A message never quotes the file's text.
 */
class PemProperties {

  private static final TestPki PKI = TestPki.create("properties CA");
  private static final TestPki.Issued CLIENT = PKI.client("client");
  private static final String[] VALID = {CLIENT.certificatePem(), CLIENT.keyPem(TestPki.KeyForm.PKCS8),
      CLIENT.keyPem(TestPki.KeyForm.PKCS1_OR_SEC1), CLIENT.keyPem(TestPki.KeyForm.SEC1_AFTER_EC_PARAMETERS),
      PKI.rsaClient("rsa").keyPem(TestPki.KeyForm.PKCS1_OR_SEC1)};

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("-BEGINENDKYRSA PRIVATECRTF\n=+/\u001b\u0000é").ofMaxLength(300),
        Arbitraries.strings().all().ofMaxLength(200),
        Combinators.combine(Arbitraries.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "CERTIFICATE",
                "EC PARAMETERS"), Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
            .as((type, der) -> TestPki.pem(type, der)),
        Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 2000), Arbitraries.chars()
            .with("ABab01+/=-\n \u0000".toCharArray())).as((text, at, c) -> {
              int i = Math.min(at, text.length() - 1);
              return text.substring(0, i) + c + text.substring(i + 1);
            }));
  }

  @Property(tries = 400)
  void keysAndCertificates_parseOrAreRefusedInOneLine(@ForAll("hostile") String text) {
    HostileInput.parse(() -> Pem.privateKey(Pem.blocks(text, "client.key"), "client.key"), TlsFileException.class);
    HostileInput.parse(() -> Pem.certificates(Pem.blocks(text, "ca.crt"), "ca.crt"), TlsFileException.class);
    try {
      Pem.privateKey(Pem.blocks(text, "client.key"), "client.key");
    } catch (TlsFileException e) {
      assertThat(e.getMessage()).startsWith("client.key: ");
      for (String line : text.split("\n")) {
        if (line.length() > 12 && !line.startsWith("-----")) {
          assertThat(e.getMessage()).doesNotContain(line);
        }
      }
    }
  }

  @Property(tries = 300)
  void derOfAnyBytes_readsOrIsMalformed(@ForAll byte[] bytes) {
    HostileInput.parse(() -> Der.read(bytes), Der.Malformed.class);
    HostileInput.parse(() -> Pem.privateKey(Pem.blocks(TestPki.pem("EC PRIVATE KEY", bytes)
        + TestPki.pem("PRIVATE KEY", Base64.getDecoder().decode(Base64.getEncoder().encodeToString(bytes))), "k"), "k"),
        TlsFileException.class);
  }
}

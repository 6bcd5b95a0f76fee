package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.TlsSettings;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/** Which TLS failures files would fix, and the one line that says which file goes where. */
class TlsFailuresTest {

  private static final List<Path> DIRECTORIES = List.of(Path.of("/ci/certs.d/registry.corp:5000"));
  private static final TlsSettings SETTINGS = TlsSettings.DEFAULT.withCertDirectory(
      Optional.of(new CertDirectory(Path.of("/ci/certs.d"), "--cert-dir")));

  private static Optional<String> describe(IOException e, boolean offered, boolean asked) {
    return TlsFailures.describe(e, "registry.corp", 5000, SETTINGS, offered, asked, DIRECTORIES);
  }

  @Test
  void anUntrustedCertificate_saysWhereTheCaGoes() {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed: "
        + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
    e.initCause(new CertPathValidatorException("no anchor"));

    assertThat(describe(e, false, false)).contains("TLS failed: the certificate of registry.corp:5000 is not trusted "
        + "(PKIX path building failed: unable to find valid certification path); if a private CA signed it, put the "
        + "CA's certificate in /ci/certs.d/registry.corp:5000/ca.crt");
  }

  @Test
  void aCertificateForAnotherName_saysSo() {
    assertThat(describe(new SSLPeerUnverifiedException("Certificate for <registry.corp> doesn't match any of the "
        + "subject alternative names: [other.corp]"), false, false))
        .contains("TLS failed: the certificate of registry.corp:5000 is not for that name (Certificate for "
            + "<registry.corp> doesn't match any of the subject alternative names: [other.corp])");
  }

  @Test
  void aServerThatAskedForAClientCertificateAndClosed_asksForOne_evenWithoutItsAlert() {
    assertThat(describe(new SocketException("Broken pipe"), false, true)).contains("TLS failed: registry.corp:5000 "
        + "asks for a client certificate (it closed the connection after asking for one in the handshake: Broken "
        + "pipe); put one as NAME.cert with its key NAME.key in /ci/certs.d/registry.corp:5000/");
    assertThat(describe(new SSLHandshakeException("Received fatal alert: certificate_required"), false, false))
        .hasValueSatisfying(text -> assertThat(text).contains("asks for a client certificate"));
    assertThat(describe(new SSLHandshakeException("Received fatal alert: bad_certificate"), true, true))
        .contains("TLS failed: registry.corp:5000 refused the client certificate of /ci/certs.d/registry.corp:5000/ "
            + "(Received fatal alert: bad_certificate)");
  }

  @Test
  void otherFailures_areNotForFiles() {
    assertThat(describe(new SocketException("Broken pipe"), false, false)).isEmpty();
    assertThat(describe(new SSLHandshakeException("Unsupported or unrecognized SSL message"), false, false)).isEmpty();
    assertThat(describe(new IOException("Connection reset"), false, true)).isEmpty();
  }
}

package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.testing.HostileInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The files of certs.d directories and their PEM: keys in every form users have (RSA or EC; PKCS#1, SEC1 with or
 * without OpenSSL's EC PARAMETERS block, PKCS#8), and each way a file can be unusable, said in one line that
 * names the file and never quotes what is in it.
 */
class TlsFilesTest {

  private static final TestPki PKI = TestPki.create("files test CA");

  @TempDir
  Path temp;

  private final TlsContexts contexts = new TlsContexts(Clock.systemUTC());

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"EC, PKCS1_OR_SEC1", "EC, SEC1_AFTER_EC_PARAMETERS", "EC, SEC1_CURVE_IN_PARAMETERS_BLOCK_ONLY",
      "EC, PKCS8", "RSA, PKCS1_OR_SEC1", "RSA, PKCS8"})
  void clientKeysInEveryForm_areRead_andMatchTheirCertificate(String algorithm, TestPki.KeyForm form) {
    TestPki.Issued client = algorithm.equals("RSA") ? PKI.rsaClient("runner") : PKI.client("runner");
    Path directory = temp.resolve("registry.corp");
    TestPki.writeClient(directory, "client", client, form);

    PrivateKey key = Pem.privateKey(Pem.read(directory.resolve("client.key"), "client.key"), "client.key");
    assertThat(key.getAlgorithm()).isEqualTo(algorithm);
    assertThat(key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
        : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent())
        .isEqualTo(client.keys().getPrivate() instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
            : ((java.security.interfaces.RSAPrivateKey) client.keys().getPrivate()).getPrivateExponent());
    assertThat(contexts.strategy(material(List.of(), directory))).isNotNull();
  }

  @Test
  void aKeyOfAnotherCertificate_isRefused_namingBothFiles() {
    Path directory = temp.resolve("registry.corp");
    TestPki.write(directory.resolve("client.cert"), PKI.client("a").certificatePem());
    TestPki.write(directory.resolve("client.key"), PKI.client("b").keyPem(TestPki.KeyForm.PKCS8));

    assertThatThrownBy(() -> contexts.strategy(material(List.of(), directory)))
        .isInstanceOf(TlsFileException.class)
        .hasMessage(directory.resolve("client.key") + ": this key does not belong to the certificate "
            + directory.resolve("client.cert"));
  }

  @Test
  void anRsaKeyForAnEcCertificate_doesNotBelongToIt() {
    Path directory = temp.resolve("registry.corp");
    TestPki.write(directory.resolve("client.cert"), PKI.client("a").certificatePem());
    TestPki.write(directory.resolve("client.key"), PKI.rsaClient("b").keyPem(TestPki.KeyForm.PKCS1_OR_SEC1));

    assertThatThrownBy(() -> contexts.strategy(material(List.of(), directory)))
        .hasMessageContaining("this key does not belong to the certificate");
  }

  @Test
  void anExpiredClientCertificate_andOneNotYetValid_areRefused() {
    Path directory = temp.resolve("registry.corp");
    TestPki.writeClient(directory, "client", PKI.expiredClient("old"), TestPki.KeyForm.PKCS8);
    assertThatThrownBy(() -> contexts.strategy(material(List.of(), directory)))
        .hasMessageStartingWith(directory.resolve("client.cert") + ": the client certificate expired on 20");

    TestPki.writeClient(directory, "client", PKI.client("new"), TestPki.KeyForm.PKCS8);
    TlsContexts lastYear = new TlsContexts(Clock.fixed(Instant.now().minusSeconds(365L * 86400), ZoneOffset.UTC));
    assertThatThrownBy(() -> lastYear.strategy(material(List.of(), directory)))
        .hasMessageStartingWith(directory.resolve("client.cert") + ": the client certificate is valid only from 20");
  }

  @Test
  void encryptedKeys_areRefused_withHowToWriteThemUnencrypted() {
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
        + "c2VjcmV0LWtleS1ieXRlcw==\n-----END RSA PRIVATE KEY-----\n";
    String pkcs8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END ENCRYPTED PRIVATE KEY-----\n";

    for (String text : List.of(pkcs1, pkcs8)) {
      assertThatThrownBy(() -> Pem.privateKey(Pem.blocks(text, "k.key"), "k.key"))
          .hasMessage("k.key: the private key is encrypted; dapp reads unencrypted keys, as docker does (write it "
              + "unencrypted with: openssl pkey -in KEY -out KEY)");
    }
  }

  @Test
  void anEd25519Key_isNeitherRsaNorEc() throws Exception {
    String text = TestPki.pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()
        .getEncoded());

    assertThatThrownBy(() -> Pem.privateKey(Pem.blocks(text, "k.key"), "k.key"))
        .hasMessage("k.key: the private key is neither RSA nor EC, the kinds dapp reads");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not a pem file|ca.crt: no PEM certificate in it (a CA file holds -----BEGIN CERTIFICATE----- blocks)",
      "-----BEGIN CERTIFICATE-----\\nc2VjcmV0!!\\n-----END CERTIFICATE-----|ca.crt: a PEM block (CERTIFICATE) is not valid base64",
      "-----BEGIN CERTIFICATE-----\\nc2VjcmV0\\n|ca.crt: a PEM block (CERTIFICATE) has no END line",
      "-----BEGIN CERTIFICATE-----\\nc2VjcmV0LWJ5dGVz\\n-----END CERTIFICATE-----|ca.crt: certificate 1 is not a valid X.509 certificate",
  })
  void unusableCaFiles_areRefused_namingTheFile_neverQuotingIt(String content, String message) {
    Path directory = temp.resolve("registry.corp");
    TestPki.write(directory.resolve("ca.crt"), content.replace("\\n", "\n"));

    assertThatThrownBy(() -> contexts.strategy(material(List.of(), directory)))
        .isInstanceOf(TlsFileException.class)
        .hasMessage(directory + "/" + message)
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void aKeyFileWithoutAKey_andADirectoryInPlaceOfAFile_areRefused() throws Exception {
    assertThatThrownBy(() -> Pem.privateKey(Pem.blocks(PKI.ca().certificatePem(), "k.key"), "k.key"))
        .hasMessage("k.key: no PEM private key in it (expected an RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1) or "
            + "PRIVATE KEY (PKCS#8) block)");
    Path directory = Files.createDirectories(temp.resolve("registry.corp/ca.crt"));
    assertThatThrownBy(() -> Pem.read(directory, directory.toString()))
        .hasMessage(directory + ": is a directory, not a file");
  }

  @Test
  void sslCertFileAndDirectory_areExtraRoots_theFileMustHoldOne_theDirectorysOtherFilesArePassedOver() {
    Path bundle = temp.resolve("bundle.pem");
    TestPki.write(bundle, "# a bundle\n" + PKI.ca().certificatePem() + TestPki.create("other").ca().certificatePem());
    assertThat(contexts.strategy(new TlsContexts.Material(Optional.of(bundle), List.of(), List.of(), List.of())))
        .isNotNull();

    Path empty = temp.resolve("empty.pem");
    TestPki.write(empty, "# no certificate\n");
    assertThatThrownBy(() -> contexts.strategy(new TlsContexts.Material(Optional.of(empty), List.of(), List.of(),
        List.of()))).hasMessage("$SSL_CERT_FILE " + empty + ": no PEM certificate in it");
    Path directory = temp.resolve("ssl-certs");
    TestPki.write(directory.resolve("README"), "not a certificate, passed over");
    TestPki.write(directory.resolve("company.pem"), PKI.ca().certificatePem());
    assertThat(contexts.strategy(new TlsContexts.Material(Optional.empty(), CertificateDirectories
        .sslCertDirectoryFiles(io.dapp.domain.network.TlsSettings.DEFAULT.withExtraRoots(Optional.empty(),
            List.of(directory))), List.of(), List.of()))).isNotNull();
  }

  @Test
  void sslCertDir_readsEachFileOnce_asOpenSslLinksThem_andNotTheBundleSslCertFileNamesAgain() throws Exception {
    Path directory = temp.resolve("certs");
    TestPki.write(directory.resolve("Company_Root.pem"), PKI.ca().certificatePem());
    Files.createSymbolicLink(directory.resolve("1a2b3c4d.0"), Path.of("Company_Root.pem"));
    TestPki.write(directory.resolve("ca-certificates.crt"), PKI.ca().certificatePem());

    List<Path> files = CertificateDirectories.sslCertDirectoryFiles(io.dapp.domain.network.TlsSettings.DEFAULT
        .withExtraRoots(Optional.of(directory.resolve("ca-certificates.crt")), List.of(directory, directory)));

    assertThat(files).containsExactly(directory.resolve("1a2b3c4d.0"));
  }

  @Test
  void aClientCertificateWithoutItsKey_andAKeyWithoutItsCertificate_areRefused() {
    Path directory = temp.resolve("registry.corp:5000");
    TestPki.write(directory.resolve("client.cert"), PKI.client("a").certificatePem());
    assertThatThrownBy(() -> CertificateDirectories.list(List.of(directory)))
        .hasMessage(directory.resolve("client.cert") + ": a client certificate needs its key, client.key, beside it "
            + "(a CA certificate is named *.crt)");

    Path other = temp.resolve("registry.corp:5001");
    TestPki.write(other.resolve("client.key"), PKI.client("a").keyPem(TestPki.KeyForm.PKCS8));
    assertThatThrownBy(() -> CertificateDirectories.list(List.of(other)))
        .hasMessage(other.resolve("client.key") + ": a client key needs its certificate, client.cert, beside it");
  }

  @Test
  void listing_findsCasAndPairsInNameOrder_andPassesOverOtherFilesAndMissingDirectories() {
    Path directory = temp.resolve("registry.corp");
    TestPki.write(directory.resolve("b.crt"), "b");
    TestPki.write(directory.resolve("a.crt"), "a");
    TestPki.write(directory.resolve("README"), "notes");
    TestPki.writeClient(directory, "runner", PKI.client("a"), TestPki.KeyForm.PKCS8);

    CertificateDirectories.Listing listing = CertificateDirectories.list(List.of(temp.resolve("absent"), directory));

    assertThat(listing.directories()).containsExactly(directory);
    assertThat(listing.authorities()).containsExactly(directory.resolve("a.crt"), directory.resolve("b.crt"));
    assertThat(listing.clients()).containsExactly(new CertificateDirectories.ClientFiles(
        directory.resolve("runner.cert"), directory.resolve("runner.key")));
  }

  @Test
  void aCertDirectory_mustExist_andHoldDirectoriesPerRegistry_notOneRegistrysFiles() {
    CertDirectory missing = new CertDirectory(temp.resolve("none"), "--cert-dir");
    assertThatThrownBy(() -> CertificateDirectories.check(Optional.of(missing)))
        .hasMessage("--cert-dir " + temp.resolve("none") + ": no such directory");

    TestPki.write(temp.resolve("skopeo-style/ca.crt"), PKI.ca().certificatePem());
    CertDirectory flat = new CertDirectory(temp.resolve("skopeo-style"), "$DAPP_CERT_DIR");
    assertThatThrownBy(() -> CertificateDirectories.check(Optional.of(flat)))
        .hasMessage("$DAPP_CERT_DIR " + temp.resolve("skopeo-style") + ": holds certificate files itself (ca.crt), "
            + "but it is a certs.d directory, one directory per registry as in /etc/docker/certs.d: put them in "
            + temp.resolve("skopeo-style/HOST[:PORT]") + "/ (skopeo's --cert-dir is one registry's directory)");
  }

  @Test
  void hostileText_givesKeysAndCertificatesOrOneLineRefusals() {
    String[] samples = {"", "-----BEGIN ", "-----BEGIN X-----\n\n-----END X-----", "-----BEGIN \u001b[2J-----\n",
        "-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----",
        "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----\n"
            + "MCACAQEEBAECAwQ=\n-----END EC PRIVATE KEY-----",
        "-----BEGIN CERTIFICATE-----\n" + "A".repeat(100_000) + "\n-----END CERTIFICATE-----"};
    for (String sample : samples) {
      HostileInput.parse(() -> Pem.privateKey(Pem.blocks(sample, "f.key"), "f.key"), TlsFileException.class);
      HostileInput.parse(() -> Pem.certificates(Pem.blocks(sample, "f.crt"), "f.crt"), TlsFileException.class);
    }
  }

  private static TlsContexts.Material material(List<Path> roots, Path directory) {
    CertificateDirectories.Listing listing = CertificateDirectories.list(List.of(directory));
    return new TlsContexts.Material(Optional.empty(), roots, listing.authorities(), listing.clients());
  }
}

package io.dapp.adapters.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA made by a test, as a company has one: it issues server certificates (for names and IP addresses)
 * and client certificates, and writes them, and their keys in each PEM form users have (PKCS#1, SEC1 with or
 * without the EC PARAMETERS block, PKCS#8), as docker's certs.d layout wants them.
 */
public final class TestPki {

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    public String certificatePem() {
      return pem("CERTIFICATE", encoded(certificate));
    }

    /** The key in a given form. */
    public String keyPem(KeyForm form) {
      return TestPki.keyPem(keys.getPrivate(), form);
    }

    /** A TLS server context presenting this certificate (for a JDK HttpsServer). */
    public SSLContext serverContext() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), "x".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** How a private key is written. */
  public enum KeyForm { PKCS1_OR_SEC1, SEC1_AFTER_EC_PARAMETERS, SEC1_CURVE_IN_PARAMETERS_BLOCK_ONLY, PKCS8 }

  private final Issued ca;

  private TestPki(Issued ca) {
    this.ca = ca;
  }

  /** A CA with an EC key. */
  public static TestPki create(String name) {
    KeyPair keys = ec();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + name);
    try {
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(3600)),
              Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestPki(new Issued(certificate, keys));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Issued ca() {
    return ca;
  }

  /** A server certificate for these names and IP addresses, with an EC key. */
  public Issued server(String... names) {
    return issue("CN=" + names[0], ec(), Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth, names);
  }

  /** A client certificate with an EC key. */
  public Issued client(String name) {
    return issue("CN=" + name, ec(), Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
  }

  /** A client certificate with an RSA key. */
  public Issued rsaClient(String name) {
    return issue("CN=" + name, rsa(), Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
  }

  /** A client certificate that expired an hour ago. */
  public Issued expiredClient(String name) {
    return issue("CN=" + name, ec(), Instant.now().minusSeconds(3600), KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(String subject, KeyPair keys, Instant notAfter, KeyPurposeId purpose, String... names) {
    try {
      List<GeneralName> alternatives = new ArrayList<>();
      for (String name : names) {
        boolean address = name.matches("[0-9.]+") || name.contains(":");
        alternatives.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, name));
      }
      org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serial(),
          Date.from(notAfter.minus(Duration.ofDays(3))), Date.from(notAfter), new X500Name(subject), keys.getPublic())
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!alternatives.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternatives.toArray(GeneralName[]::new)));
      }
      return new Issued(new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate()))), keys);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code DIR/NAME.cert} and {@code DIR/NAME.key}: a client certificate as docker's certs.d wants it. */
  public static void writeClient(Path directory, String name, Issued client, KeyForm form) {
    write(directory.resolve(name + ".cert"), client.certificatePem());
    write(directory.resolve(name + ".key"), client.keyPem(form));
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String keyPem(PrivateKey key, KeyForm form) {
    if (form == KeyForm.PKCS8) {
      return pem("PRIVATE KEY", key.getEncoded());
    }
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      if (key.getAlgorithm().equals("RSA")) {
        return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
      }
      ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) info.getPrivateKeyAlgorithm().getParameters();
      int bits = ((ECPrivateKey) key).getParams().getOrder().bitLength();
      BigInteger secret = ((ECPrivateKey) key).getS();
      if (form == KeyForm.SEC1_AFTER_EC_PARAMETERS) {
        // As `openssl ecparam -name prime256v1 -genkey` writes it: the curve in a block of its own first.
        return pem("EC PARAMETERS", curve.getEncoded()) + pem("EC PRIVATE KEY",
            new org.bouncycastle.asn1.sec.ECPrivateKey(bits, secret, (DERBitString) null, curve).getEncoded());
      }
      if (form == KeyForm.SEC1_CURVE_IN_PARAMETERS_BLOCK_ONLY) {
        return pem("EC PARAMETERS", curve.getEncoded()) + pem("EC PRIVATE KEY",
            new org.bouncycastle.asn1.sec.ECPrivateKey(bits, secret, (DERBitString) null, null).getEncoded());
      }
      return pem("EC PRIVATE KEY",
          new org.bouncycastle.asn1.sec.ECPrivateKey(bits, secret, (DERBitString) null, curve).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

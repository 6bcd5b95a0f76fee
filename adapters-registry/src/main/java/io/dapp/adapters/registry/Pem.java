package io.dapp.adapters.registry;

import io.dapp.domain.error.UserText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PEM files as docker, containers-image and OpenSSL write them: certificates ({@code CERTIFICATE}) and
 * unencrypted private keys, RSA or EC, in PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}, with
 * or without the {@code EC PARAMETERS} block {@code openssl ecparam -genkey} writes before it) or PKCS#8
 * ({@code PRIVATE KEY}). Text around the blocks is ignored, as OpenSSL ignores it. Every failure is a
 * {@link TlsFileException} naming the file, never quoting what is in it.
 */
final class Pem {

  /** Larger than any certificate bundle; a larger file is a mistake (an image, a log). */
  static final int MAX_FILE_SIZE = 8 * 1024 * 1024;

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final String KEY_FORMS = "expected an RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1) or PRIVATE KEY "
      + "(PKCS#8) block";

  /** One block: its type ({@code CERTIFICATE}), its RFC 1421 headers ({@code Proc-Type}), its bytes. */
  record Block(String type, Map<String, String> headers, byte[] der) {}

  private Pem() {}

  /** The blocks of {@code file}; {@code shown} names it in messages. */
  static List<Block> read(Path file, String shown) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new TlsFileException(shown + ": is a directory, not a file");
      }
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new TlsFileException(shown + ": larger than " + MAX_FILE_SIZE / (1024 * 1024) + " MiB, not a PEM file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsFileException(shown + ": no such file");
    } catch (AccessDeniedException e) {
      throw new TlsFileException(shown + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new TlsFileException(shown + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return blocks(new String(bytes, StandardCharsets.ISO_8859_1), shown);
  }

  /** The PEM blocks in {@code text}, in order. */
  static List<Block> blocks(String text, String shown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      String end = END + type + DASHES;
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder body = new StringBuilder();
      boolean ended = false;
      for (i++; i < lines.length; i++) {
        String content = lines[i].strip();
        if (content.equals(end)) {
          ended = true;
          break;
        }
        int colon = content.indexOf(':');
        if (body.length() == 0 && colon > 0) {
          headers.put(content.substring(0, colon).strip(), content.substring(colon + 1).strip());
        } else {
          body.append(content);
        }
      }
      if (!ended) {
        throw new TlsFileException(shown + ": a PEM block (" + UserText.escape(type) + ") has no END line");
      }
      try {
        blocks.add(new Block(type, headers, Base64.getDecoder().decode(body.toString())));
      } catch (IllegalArgumentException e) {
        throw new TlsFileException(shown + ": a PEM block (" + UserText.escape(type) + ") is not valid base64");
      }
    }
    return blocks;
  }

  /** Every certificate of the blocks, in order; blocks of other types are passed over. */
  static List<X509Certificate> certificates(List<Block> blocks, String shown) {
    List<X509Certificate> certificates = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("every JVM reads X.509", e);
    }
    for (Block block : blocks) {
      if (!block.type().equals("CERTIFICATE") && !block.type().equals("TRUSTED CERTIFICATE")) {
        continue;
      }
      try {
        certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException | ClassCastException e) {
        throw new TlsFileException(shown + ": certificate " + (certificates.size() + 1)
            + " is not a valid X.509 certificate");
      }
    }
    return certificates;
  }

  /** The one private key of the blocks. */
  static PrivateKey privateKey(List<Block> blocks, String shown) {
    PrivateKey key = null;
    Optional<byte[]> ecParameters = Optional.empty();
    for (Block block : blocks) {
      String type = block.type();
      if (type.equals("EC PARAMETERS")) {
        ecParameters = Optional.of(block.der());
        continue;
      }
      if (type.equals("ENCRYPTED PRIVATE KEY") || (type.endsWith("PRIVATE KEY")
          && block.headers().getOrDefault("Proc-Type", "").toUpperCase(Locale.ROOT).contains("ENCRYPTED"))) {
        throw new TlsFileException(shown + ": the private key is encrypted; dapp reads unencrypted keys, as docker "
            + "does (write it unencrypted with: openssl pkey -in KEY -out KEY)");
      }
      PrivateKey read = switch (type) {
        case "RSA PRIVATE KEY" -> generate("RSA", Der.privateKeyInfo(Der.RSA_ENCRYPTION,
            Der.encode(Der.NULL), block.der()), shown);
        case "EC PRIVATE KEY" -> ecKey(block.der(), ecParameters, shown);
        case "PRIVATE KEY" -> pkcs8(block.der(), shown);
        default -> null;
      };
      if (read != null) {
        if (key != null) {
          throw new TlsFileException(shown + ": holds more than one private key");
        }
        key = read;
      }
    }
    if (key == null) {
      throw new TlsFileException(shown + ": no PEM private key in it (" + KEY_FORMS + ")");
    }
    return key;
  }

  /** SEC1: version 1, the key, and the curve as {@code [0]} (or in the EC PARAMETERS block before it). */
  private static PrivateKey ecKey(byte[] sec1, Optional<byte[]> parameters, String shown) {
    byte[] curve;
    try {
      Der.Element structure = Der.single(sec1);
      if (structure.tag() != Der.SEQUENCE) {
        throw new Der.Malformed("not a sequence");
      }
      Optional<byte[]> named = Optional.empty();
      for (Der.Element element : structure.children()) {
        if (element.tag() == Der.CONTEXT_0) {
          Der.Element oid = Der.single(element.content());
          if (oid.tag() != Der.OID) {
            throw new Der.Malformed("the curve is not named");
          }
          named = Optional.of(oid.encoded());
        }
      }
      if (named.isEmpty() && parameters.isPresent() && Der.single(parameters.get()).tag() == Der.OID) {
        named = parameters;
      }
      curve = named.orElseThrow(() -> new TlsFileException(shown + ": the EC private key names no curve"));
    } catch (Der.Malformed e) {
      throw new TlsFileException(shown + ": the EC private key is not a valid SEC1 structure");
    }
    return generate("EC", Der.privateKeyInfo(Der.EC_PUBLIC_KEY, curve, sec1), shown);
  }

  /** PKCS#8: the algorithm says which key it is; RSA and EC are read. */
  private static PrivateKey pkcs8(byte[] info, String shown) {
    try {
      List<Der.Element> parts = Der.single(info).children();
      if (parts.size() < 3 || parts.get(1).tag() != Der.SEQUENCE || parts.get(1).children().isEmpty()) {
        throw new Der.Malformed("no algorithm");
      }
      Der.Element algorithm = parts.get(1).children().get(0);
      if (algorithm.isOid(Der.RSA_ENCRYPTION)) {
        return generate("RSA", info, shown);
      }
      if (algorithm.isOid(Der.EC_PUBLIC_KEY)) {
        return generate("EC", info, shown);
      }
      throw new TlsFileException(shown + ": the private key is neither RSA nor EC, the kinds dapp reads");
    } catch (Der.Malformed e) {
      throw new TlsFileException(shown + ": the PKCS#8 private key is not a valid structure");
    }
  }

  private static PrivateKey generate(String algorithm, byte[] pkcs8, String shown) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsFileException(shown + ": the " + algorithm + " private key cannot be read");
    }
  }
}

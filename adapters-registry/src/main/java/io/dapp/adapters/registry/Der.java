package io.dapp.adapters.registry;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little of ASN.1 DER that private keys need: reading the elements of a structure (tag, content), and
 * writing one back. Lengths are checked against what is there; a structure that does not add up is
 * {@link Malformed}, never an index out of bounds.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  /** {@code [0]}, constructed: the parameters of a SEC1 EC key. */
  static final int CONTEXT_0 = 0xa0;

  /** rsaEncryption, 1.2.840.113549.1.1.1. */
  static final byte[] RSA_ENCRYPTION = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  static final byte[] EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  /** A structure that does not follow DER. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  /** One element: its tag and its content. */
  record Element(int tag, byte[] content) {
    /** The elements inside a constructed element (a SEQUENCE, a context tag). */
    List<Element> children() throws Malformed {
      return read(content);
    }

    /** The element as DER: tag, length, content. */
    byte[] encoded() {
      return Der.encode(tag, content);
    }

    boolean isOid(byte[] oid) {
      return tag == OID && Arrays.equals(content, oid);
    }
  }

  private Der() {}

  /** The elements one after the other in {@code bytes}, all of them. */
  static List<Element> read(byte[] bytes) throws Malformed {
    List<Element> elements = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      if (bytes.length - at < 2) {
        throw new Malformed("truncated");
      }
      int tag = bytes[at++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new Malformed("a multi-byte tag");
      }
      int first = bytes[at++] & 0xff;
      long length;
      if (first < 0x80) {
        length = first;
      } else {
        int count = first & 0x7f;
        if (count == 0 || count > 4 || bytes.length - at < count) {
          throw new Malformed("a bad length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (bytes[at++] & 0xff);
        }
      }
      if (length > bytes.length - at) {
        throw new Malformed("a length past the end");
      }
      elements.add(new Element(tag, Arrays.copyOfRange(bytes, at, at + (int) length)));
      at += (int) length;
    }
    return elements;
  }

  /** The one element {@code bytes} hold. */
  static Element single(byte[] bytes) throws Malformed {
    List<Element> elements = read(bytes);
    if (elements.size() != 1) {
      throw new Malformed(elements.isEmpty() ? "empty" : "more than one structure");
    }
    return elements.get(0);
  }

  static byte[] encode(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.size();
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >>> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /**
   * A PKCS#8 PrivateKeyInfo around a key of another format: version 0, the algorithm and its parameters, the
   * key's own structure as an octet string.
   */
  static byte[] privateKeyInfo(byte[] algorithm, byte[] parameters, byte[] key) {
    return encode(SEQUENCE, encode(INTEGER, new byte[] {0}), encode(SEQUENCE, encode(OID, algorithm), parameters),
        encode(OCTET_STRING, key));
  }
}

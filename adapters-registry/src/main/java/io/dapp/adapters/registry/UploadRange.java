package io.dapp.adapters.registry;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Range} header of an upload session ({@code 0-1048575}): how many bytes the registry holds.
 * Distribution writes {@code 0-0} for an empty session, so {@code 0-0} is read as "nothing yet" where
 * that is possible (a status query) and as one byte where the client just sent some.
 */
final class UploadRange {

  private static final Pattern RANGE = Pattern.compile("\\s*(?:bytes[ =])?\\s*0-(\\d{1,18})\\s*");

  private UploadRange() {}

  /** The bytes held after a chunk was accepted: {@code end + 1}; empty when the header is absent or unreadable. */
  static OptionalLong heldAfterWrite(Optional<String> header) {
    OptionalLong end = end(header);
    return end.isPresent() ? OptionalLong.of(end.getAsLong() + 1) : OptionalLong.empty();
  }

  /** The bytes held by a session whose state was asked for: {@code 0-0} counts as none. */
  static OptionalLong heldByStatus(Optional<String> header) {
    OptionalLong end = end(header);
    if (end.isEmpty()) {
      return end;
    }
    return OptionalLong.of(end.getAsLong() == 0 ? 0 : end.getAsLong() + 1);
  }

  /** The {@code Content-Range} of a chunk: first and last byte, inclusive, as the distribution spec writes it. */
  static String contentRange(long offset, long length) {
    return offset + "-" + (offset + length - 1);
  }

  private static OptionalLong end(Optional<String> header) {
    if (header.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher matcher = RANGE.matcher(header.get());
    return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }
}

package io.dapp.domain.image;

import java.io.IOException;
import java.io.InputStream;

/** Opens a file's bytes from the start; every call gives a new stream, never held in memory by dapp. */
@FunctionalInterface
public interface Content {

  InputStream open() throws IOException;
}

package io.dapp.domain.registry;

import io.dapp.domain.model.Platform;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The Registry HTTP API v2 / OCI distribution, as dapp's use cases need it. A client is opened for one
 * docker config (see {@link RegistryClientFactory}) and authenticates with the credentials it holds; it
 * caches tokens, so use one client for one command phase and close it afterwards.
 *
 * <p>A manifest reference is an {@link ImageReference}: its digest when it has one, else its tag, else
 * {@code latest}, as docker reads it.
 *
 * <p>Every method that talks to a registry reads the docker config's credentials for it the first time.
 * A docker config that cannot be read is the user's input, not a registry failure: the
 * {@link InvalidInputException} the config raised (malformed {@code config.json}, a credential helper
 * that is not installed) comes out unchanged, and a command reports it as bad input (exit status 2). A
 * credential helper that runs and fails is an operation that failed: {@link RegistryCredentialsException}.
 */
public interface RegistryClient extends AutoCloseable {

  /**
   * Checks that the registry speaks API v2 and accepts the credentials the docker config holds for it.
   *
   * @throws RegistryUnauthorizedException when it needs credentials that are missing or rejected
   */
  void ping(RegistryHost host) throws RegistryException, InvalidInputException;

  /** The type, digest and size of a manifest ({@code HEAD}); empty when there is no such manifest. */
  Optional<ManifestDescriptor> checkManifest(ImageReference reference) throws RegistryException, InvalidInputException;

  /**
   * The manifest exactly as stored, whatever its type (an index stays an index). When the reference has a
   * digest, the bytes received are verified against it.
   *
   * @throws ManifestUnknownException when there is no such manifest
   * @throws DigestMismatchException when the bytes do not match the reference's digest
   */
  Manifest pullManifest(ImageReference reference) throws RegistryException, InvalidInputException;

  /**
   * The image manifest for a platform: an index or manifest list is resolved to the entry for
   * {@code platform} (the options' default platform when empty), which is then pulled by digest.
   *
   * @throws PlatformNotFoundException when the index has no entry for the platform
   */
  Manifest pullImageManifest(ImageReference reference, Optional<Platform> platform)
      throws RegistryException, InvalidInputException;

  /**
   * Stores a manifest under the reference's tag (or digest) and returns its digest. Every blob it names
   * must be in the repository already.
   */
  Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException, InvalidInputException;

  boolean blobExists(Repository repository, Digest digest) throws RegistryException, InvalidInputException;

  /**
   * Makes a blob present in {@code repository}: nothing is sent when it is there already; when
   * {@code mountFrom} names another repository of the same registry, the registry is asked to link it
   * from there; otherwise (or when the mount fails) its bytes are uploaded, streamed from the source.
   */
  BlobPush pushBlob(Repository repository, BlobSource blob, Optional<Repository> mountFrom)
      throws RegistryException, InvalidInputException;

  /**
   * Downloads a blob into {@code target}, streaming: its bytes are written as they arrive, once each and
   * in order (a download that broke off goes on from where it stopped, or skips what was written already),
   * and hashed on the way, once: into a {@link io.dapp.domain.transfer.DigestingOutputStream} that has
   * received nothing yet (the local store's writer is one), the stream's own digest is the one checked, so
   * the bytes are not hashed a second time. They are verified only at the end: when this throws, the caller
   * discards what {@code target} received (the local store does, as it checks the digest of what it is given).
   *
   * @param progress told the number of bytes written to {@code target} so far, after every write; it runs on
   *     the calling thread and may throw an unchecked exception to abandon the download
   * @return the blob's size in bytes
   * @throws BlobUnknownException when the repository has no such blob
   * @throws DigestMismatchException when the content is not what the digest names
   * @throws IOException when writing to {@code target} fails (not retried: the target is broken)
   */
  long pullBlob(Repository repository, Digest digest, OutputStream target, LongConsumer progress)
      throws RegistryException, InvalidInputException, IOException;

  /**
   * Downloads a blob into the file {@code target}, which appears only when the bytes match {@code digest};
   * nothing is left behind otherwise.
   *
   * @return the blob's size in bytes
   * @throws BlobUnknownException when the repository has no such blob
   * @throws DigestMismatchException when the content is not what the digest names
   * @throws IOException when the file cannot be written
   */
  default long pullBlob(Repository repository, Digest digest, Path target)
      throws RegistryException, InvalidInputException, IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".part");
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(partial)) {
        size = pullBlob(repository, digest, out, bytes -> {});
      }
      Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return size;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** All tags of a repository, in the registry's order; empty when the repository does not exist. */
  List<String> listTags(Repository repository) throws RegistryException, InvalidInputException;

  /**
   * Deletes a manifest (and with it every tag that points to it).
   *
   * @throws DeletionDisabledException when the registry does not allow deleting at all
   * @throws RegistryDeniedException when the credentials in use may not delete
   */
  void deleteManifest(Repository repository, Digest digest) throws RegistryException, InvalidInputException;

  /** Releases connections and forgets cached tokens. Never throws. */
  @Override
  void close();
}

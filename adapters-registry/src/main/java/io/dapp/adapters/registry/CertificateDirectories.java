package io.dapp.adapters.registry;

import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.TlsSettings;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The files of certs.d directories, found as docker finds them in {@code /etc/docker/certs.d/HOST[:PORT]/}: every
 * {@code *.crt} is a CA; {@code NAME.cert} and {@code NAME.key} are a client certificate and its key, each
 * useless without the other. Only names are listed here; no file is read.
 */
final class CertificateDirectories {

  /** A client certificate and its key, side by side. */
  record ClientFiles(Path certificate, Path key) {}

  /** What some directories hold: the existing ones, their CA files, their client certificates. */
  record Listing(List<Path> directories, List<Path> authorities, List<ClientFiles> clients) {
    Listing {
      directories = List.copyOf(directories);
      authorities = List.copyOf(authorities);
      clients = List.copyOf(clients);
    }

    boolean isEmpty() {
      return authorities.isEmpty() && clients.isEmpty();
    }
  }

  private CertificateDirectories() {}

  /**
   * The files of {@code directories}, in order, each directory's in name order; a directory that does not
   * exist holds nothing.
   */
  static Listing list(List<Path> directories) {
    List<Path> existing = new ArrayList<>();
    List<Path> authorities = new ArrayList<>();
    List<ClientFiles> clients = new ArrayList<>();
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      existing.add(directory);
      TreeSet<String> names = names(directory);
      for (String name : names) {
        Path file = directory.resolve(name);
        if (name.endsWith(".crt")) {
          authorities.add(file);
        } else if (name.endsWith(".cert")) {
          String key = name.substring(0, name.length() - ".cert".length()) + ".key";
          if (!names.contains(key)) {
            throw new TlsFileException(file + ": a client certificate needs its key, " + key + ", beside it "
                + "(a CA certificate is named *.crt)");
          }
          clients.add(new ClientFiles(file, directory.resolve(key)));
        } else if (name.endsWith(".key")) {
          String certificate = name.substring(0, name.length() - ".key".length()) + ".cert";
          if (!names.contains(certificate)) {
            throw new TlsFileException(file + ": a client key needs its certificate, " + certificate + ", beside it");
          }
        }
      }
    }
    return new Listing(existing, authorities, clients);
  }

  /**
   * A certs.d directory the user named must be one: it exists, and it holds directories per registry, not the
   * files of one (which is what skopeo's {@code --cert-dir} names).
   */
  static void check(Optional<CertDirectory> named) {
    if (named.isEmpty()) {
      return;
    }
    CertDirectory directory = named.get();
    String shown = directory.source() + " " + directory.path();
    if (!Files.isDirectory(directory.path())) {
      throw new TlsFileException(shown + ": no such directory");
    }
    for (String name : names(directory.path())) {
      if (name.endsWith(".crt") || name.endsWith(".cert") || name.endsWith(".key")) {
        throw new TlsFileException(shown + ": holds certificate files itself (" + name + "), but it is a certs.d "
            + "directory, one directory per registry as in /etc/docker/certs.d: put them in "
            + directory.path().resolve("HOST[:PORT]") + "/ (skopeo's --cert-dir is one registry's directory)");
      }
    }
  }

  /**
   * The files of the {@code $SSL_CERT_DIR} directories: extra roots of every host, as OpenSSL and Go read them.
   * Each file is read once: OpenSSL's layout links each certificate under its hash name too, and the bundle
   * {@code $SSL_CERT_FILE} names is often in the directory as well.
   */
  static List<Path> sslCertDirectoryFiles(TlsSettings settings) {
    List<Path> files = new ArrayList<>();
    java.util.Set<Path> seen = new java.util.HashSet<>();
    settings.sslCertFile().ifPresent(file -> seen.add(real(file)));
    for (Path directory : settings.sslCertDirectories()) {
      if (!Files.isDirectory(directory)) {
        throw new TlsFileException("$SSL_CERT_DIR: " + directory + ": no such directory");
      }
      for (String name : names(directory)) {
        Path file = directory.resolve(name);
        if (Files.isRegularFile(file) && seen.add(real(file))) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private static Path real(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  private static TreeSet<String> names(Path directory) {
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (AccessDeniedException e) {
      throw new TlsFileException(directory + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new TlsFileException(directory + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return names;
  }
}

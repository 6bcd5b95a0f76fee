package io.dapp.adapters.env.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.layer.TarGzImageFileReader;
import io.dapp.adapters.env.layer.TarGzLayerArchiver;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.testing.HostileInput;
import io.dapp.domain.testing.HostileJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The local store and layers against hostile content: an index.json or manifest someone else wrote (names
 * and digests that are paths, wrong types, nesting), reference names that climb ({@code ../../x}), layer tars
 * with entries named {@code ../etc/passwd} or absolute, symlinks, lying sizes and broken archives. Reads give
 * a value or a one-line {@link OperationFailedException}; no path that is read or written leaves the store,
 * and no layer dapp writes holds an entry that climbs out of the image.
 */
class StoreAndLayerProperties {

  private static final String INDEX = "{\"schemaVersion\":%s,\"manifests\":[{\"mediaType\":%s,\"digest\":%s,"
      + "\"size\":%s,\"annotations\":{\"org.opencontainers.image.ref.name\":%s}},%s]}";
  private static final String[] INDEX_GOOD = {"2", HostileJson.quote(MediaType.OCI_MANIFEST.value()),
      HostileJson.quote("sha256:" + "a".repeat(64)), "100", HostileJson.quote("app"), "{}"};
  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":%s,\"config\":{\"mediaType\":%s,"
      + "\"digest\":%s,\"size\":%s},\"layers\":[{\"mediaType\":%s,\"digest\":%s,\"size\":%s}]}";

  private static Path root;
  private static OciLayoutStore store;
  private static String configDigest;

  @BeforeContainer
  static void createStore() throws Exception {
    root = Files.createTempDirectory("dapp-store-properties-");
    store = OciLayoutStore.open(root.resolve("store"));
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    configDigest = store.putBlob(MediaType.OCI_CONFIG.value(), out -> out.write(config)).digest().toString();
  }

  @AfterContainer
  static void removeStore() throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  // --- index.json and reference names -------------------------------------------------------------------

  @Provide
  Arbitrary<String> indexes() {
    return HostileJson.documents(INDEX, INDEX_GOOD);
  }

  @Provide
  Arbitrary<String> refNames() {
    return Arbitraries.oneOf(
        Arbitraries.of("app", "../../x", "/etc/passwd", "a/../../b", "..", ".", "", "a//b", "dimgstage-abc", "a:b@c+d",
            "a\nb", "x".repeat(5000)),
        Arbitraries.strings().withChars("ab./-_:@+\n\u0000").ofMaxLength(20));
  }

  @Property(tries = 200)
  void anyIndexJson_resolvesNamesToDigestsInsideTheStore_orFailsInOneLine(@ForAll("indexes") String index,
      @ForAll("refNames") String name) throws Exception {
    Files.writeString(root.resolve("store/index.json"), index);

    HostileInput.parse(() -> store.names(), OperationFailedException.class);
    Optional<Optional<Descriptor>> resolved = HostileInput.parse(() -> store.resolve(name),
        OperationFailedException.class);

    resolved.flatMap(d -> d).ifPresent(descriptor ->
        assertThat(descriptor.digest().hex()).matches("[0-9a-f]{64}"));
  }

  @Property(tries = 200)
  void anyReferenceName_isTaggedOnlyWhenItIsOne_andNeverBecomesAPath(@ForAll("refNames") String name)
      throws Exception {
    Files.writeString(root.resolve("store/index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    Descriptor manifest = new Descriptor(MediaType.OCI_MANIFEST.value(), Digests.sha256("m"), 1);
    List<Path> before = files();

    HostileInput.parse(() -> {
      store.tag(name, manifest);
      return true;
    }, OperationFailedException.class, IllegalArgumentException.class);

    // A name is an annotation in index.json, never a file: tagging creates no file anywhere.
    assertThat(files()).containsExactlyInAnyOrderElementsOf(before);
    if (store.names().contains(name)) {
      assertThat(name).doesNotStartWith("/").doesNotStartWith(".").doesNotContain("..").doesNotContain("\n");
    }
  }

  private static List<Path> files() throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("tmp"))
          .filter(p -> !p.toString().contains(".dapp-")).toList();
    }
  }

  // --- manifests someone else wrote -------------------------------------------------------------------------

  @Provide
  Arbitrary<String> manifests() {
    return HostileJson.documents(MANIFEST, HostileJson.quote(MediaType.OCI_MANIFEST.value()),
        HostileJson.quote(MediaType.OCI_CONFIG.value()), HostileJson.quote(configDigest), "5",
        HostileJson.quote(MediaType.OCI_LAYER.value()), HostileJson.quote("sha256:" + "b".repeat(64)), "9");
  }

  @Property(tries = 200)
  void anyManifestInTheStore_isReadAsAnImage_orFailsInOneLine(@ForAll("manifests") String manifest)
      throws Exception {
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    Descriptor stored = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(bytes));

    HostileInput.parse(() -> store.readImage(stored.digest()), OperationFailedException.class);
  }

  // --- layer tars ---------------------------------------------------------------------------------------------

  record TarEntry(String name, byte type, String content, String link) {}

  @Provide
  Arbitrary<List<TarEntry>> tars() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of("etc/passwd", "./etc/passwd", "/etc/passwd", "../etc/passwd", "etc/../etc/passwd",
            "../../../../etc/passwd", "etc/passwd/", "etc/.wh.passwd", "etc/.wh..wh..opq", "etc", "etc/", "",
            "x".repeat(300) + "/passwd", "etc/passwd\u0000.txt"),
        Arbitraries.strings().withChars("etc/pasw.\\").ofMaxLength(15));
    Arbitrary<Byte> types = Arbitraries.of(TarConstants.LF_NORMAL, TarConstants.LF_DIR, TarConstants.LF_SYMLINK,
        TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_FIFO);
    Arbitrary<String> contents = Arbitraries.strings().withChars("root:x:0\n").ofMaxLength(40);
    Arbitrary<TarEntry> entry = Combinators.combine(names, types, contents,
        Arbitraries.of("/etc/shadow", "../../../root", "passwd"))
        .as((name, type, content, link) -> new TarEntry(name, type, content, link));
    return entry.list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<Integer> damage() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 3000)));
  }

  @Property(tries = 200)
  void anyLayerTar_givesAFileOnlyFromARegularEntryOfThatPath_orFailsInOneLine(@ForAll("tars") List<TarEntry> entries,
      @ForAll("damage") int cutAt, @ForAll boolean gzip) throws Exception {
    byte[] tar = tar(entries);
    if (gzip) {
      tar = gzip(tar);
    }
    if (cutAt >= 0 && cutAt < tar.length) {
      tar = java.util.Arrays.copyOf(tar, cutAt);
    }
    byte[] layerBytes = tar;
    Descriptor blob = store.putBlob(gzip ? MediaType.OCI_LAYER.value() : "application/vnd.oci.image.layer.v1.tar",
        out -> out.write(layerBytes));
    Layer layer = new Layer(blob, Digests.sha256("diff"));

    Optional<Optional<byte[]>> found = HostileInput.parse(
        () -> new TarGzImageFileReader().read(List.of(layer), "etc/passwd", store),
        OperationFailedException.class);

    found.flatMap(content -> content).ifPresent(content -> assertThat(entries).anySatisfy(entry -> {
      assertThat(entry.type()).isEqualTo(TarConstants.LF_NORMAL);
      // As the tar format has it: a name ends at its first NUL.
      String name = entry.name().contains("\u0000") ? entry.name().substring(0, entry.name().indexOf('\u0000'))
          : entry.name();
      assertThat(name.replaceFirst("^(\\./|/)+", "")).isEqualTo("etc/passwd");
    }));
  }

  private static byte[] tar(List<TarEntry> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarEntry entry : entries) {
        if (entry.name().isEmpty()) {
          continue;
        }
        TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
        byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
        boolean file = entry.type() == TarConstants.LF_NORMAL && !header.isDirectory();
        if (entry.type() == TarConstants.LF_SYMLINK || entry.type() == TarConstants.LF_LINK) {
          header.setLinkName(entry.link());
        }
        header.setSize(file ? content.length : 0);
        tar.putArchiveEntry(header);
        if (file) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  // --- layers dapp writes -------------------------------------------------------------------------------------

  @Provide
  Arbitrary<List<String>> paths() {
    return Arbitraries.strings().withChars("ab/.\u0000").ofMinLength(1).ofMaxLength(12).list().ofMaxSize(6);
  }

  @Property(tries = 200)
  void layersDappWrites_holdOnlyEntriesInsideTheImage(@ForAll("paths") List<String> paths) throws Exception {
    List<LayerEntry> entries = new ArrayList<>();
    for (String path : paths) {
      try {
        byte[] content = path.getBytes(StandardCharsets.UTF_8);
        entries.add(LayerEntry.file(path, false, 0, 0, content.length, () -> new ByteArrayInputStream(content)));
      } catch (IllegalArgumentException refused) {
        HostileInput.assertOneLine(refused.getMessage());
      }
    }
    Optional<Layer> layer = HostileInput.parse(() -> new TarGzLayerArchiver().archive(
        entries.stream().distinct().toList(), store), OperationFailedException.class, IllegalArgumentException.class);

    if (layer.isPresent()) {
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
          store.openBlob(layer.get().blob().digest())))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          assertThat(entry.getName()).doesNotStartWith("/");
          assertThat(("/" + entry.getName() + "/").contains("/../")).as(entry.getName()).isFalse();
        }
      }
    }
  }
}

package io.dapp.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.InvalidPlatformException;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryValuesTest {

  @Test
  void platform_parsesOsArchitectureAndOptionalVariant() throws Exception {
    assertThat(Platform.parse("linux/amd64")).isEqualTo(Platform.LINUX_AMD64);
    assertThat(Platform.parse("linux/arm64/v8").variant()).contains("v8");
    assertThat(Platform.parse("linux/arm/v7").toString()).isEqualTo("linux/arm/v7");
  }

  @Test
  void platform_rejectsWhatIsNotOsSlashArchitecture() {
    assertThatThrownBy(() -> Platform.parse("amd64")).isInstanceOf(InvalidPlatformException.class)
        .hasMessage("invalid platform 'amd64': expected os/architecture[/variant], e.g. linux/amd64");
    assertThatThrownBy(() -> Platform.parse("linux/AMD64")).isInstanceOf(InvalidPlatformException.class);
    assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x")).isInstanceOf(InvalidPlatformException.class);
  }

  @Test
  void platformWithoutVariant_acceptsAnyVariant_butAVariantMustMatch() throws Exception {
    assertThat(Platform.parse("linux/arm64").accepts(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/arm/v7").accepts(Platform.parse("linux/arm/v6"))).isFalse();
    assertThat(Platform.parse("linux/amd64").accepts(Platform.parse("windows/amd64"))).isFalse();
  }

  @Test
  void mediaType_dropsParametersAndFoldsCase() {
    assertThat(MediaType.parse("Application/VND.oci.image.index.v1+json; charset=utf-8")).isEqualTo(MediaType.OCI_INDEX);
    assertThat(MediaType.OCI_INDEX.isIndex()).isTrue();
    assertThat(MediaType.DOCKER_MANIFEST.isImageManifest()).isTrue();
    assertThatThrownBy(() -> new MediaType("not a type")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manifest_digestIsTheSha256OfItsExactBytes_andItsArrayCannotBeChangedFromOutside() {
    byte[] bytes = "{\"schemaVersion\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Manifest manifest = new Manifest(MediaType.OCI_MANIFEST, bytes);
    bytes[0] = 'X';
    manifest.content()[1] = 'Y';

    assertThat(manifest.contentAsString()).isEqualTo("{\"schemaVersion\":2}");
    assertThat(manifest.digest()).hasToString("sha256:bafebd36189ad3688b7b3915ea55d461e0bfcfbdde11e54b0a123999fb6be50f");
    assertThat(manifest.toString()).contains("sha256:").doesNotContain("schemaVersion");
  }

  @Test
  void blobSource_ofBytes_canBeOpenedAgainForARetry() throws Exception {
    BlobSource blob = BlobSource.ofBytes(new byte[] {1, 2, 3});

    assertThat(blob.opener().open().readAllBytes()).containsExactly(1, 2, 3);
    assertThat(blob.opener().open().readAllBytes()).containsExactly(1, 2, 3);
    assertThat(blob.size()).isEqualTo(3);
  }

  @Test
  void options_allowPlainHttpOnlyForLoopbackAndListedHosts() {
    RegistryOptions options = new RegistryOptions(Set.of(new RegistryHost("registry.lan:5000")),
        Platform.LINUX_AMD64, RetryPolicy.DEFAULT);

    assertThat(options.allowsPlainHttp(new RegistryHost("127.0.0.1:5000"))).isTrue();
    assertThat(options.allowsPlainHttp(new RegistryHost("localhost"))).isTrue();
    assertThat(options.allowsPlainHttp(new RegistryHost("registry.lan:5000"))).isTrue();
    assertThat(options.allowsPlainHttp(new RegistryHost("registry.lan"))).isFalse();
    assertThat(options.allowsPlainHttp(RegistryHost.DOCKER_HUB)).isFalse();
  }

  @Test
  void loginRejected_readsAsTheRequirementsSay() {
    assertThat(new LoginRejectedException(new RegistryHost("registry.example.com"), "bob", "UNAUTHORIZED: bad\npassword"))
        .hasMessage("login to registry.example.com as bob failed: UNAUTHORIZED: bad password");
  }

  @Test
  void deniedDelete_underTheJobToken_namesTheCleanupPasswordVariable() {
    RegistryDeniedException denied = new RegistryDeniedException(RegistryAction.DELETE_MANIFEST,
        new RegistryHost("registry.example.com"), new Repository(new RegistryHost("registry.example.com"), "g/p"),
        "@x", "denied: requested access to the resource is denied",
        DeniedHints.forAction(RegistryAction.DELETE_MANIFEST, Optional.of("gitlab-ci-token")));

    assertThat(denied.getMessage())
        .startsWith("delete manifest registry.example.com/g/p@x: denied: requested access to the resource is denied; ")
        .contains("user gitlab-ci-token", "DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD");
  }
}

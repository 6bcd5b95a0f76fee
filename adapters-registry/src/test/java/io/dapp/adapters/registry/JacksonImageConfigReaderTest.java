package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.registry.ImageMeta;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JacksonImageConfigReaderTest {

  private final JacksonImageConfigReader reader = new JacksonImageConfigReader();

  private ImageMeta read(String json) throws OperationFailedException {
    return reader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsCreated_andTheStringLabels() throws Exception {
    ImageMeta meta = read("""
        {"created":"2026-05-01T10:11:12.123456789Z","config":{"Env":["A=1"],
         "Labels":{"dapp-dimg":"true","dapp-tag-scheme":"git_tag","odd":1}}}""");

    assertThat(meta.created()).contains(Instant.parse("2026-05-01T10:11:12.123456789Z"));
    assertThat(meta.labels()).isEqualTo(Map.of("dapp-dimg", "true", "dapp-tag-scheme", "git_tag"));
  }

  @Test
  void withoutLabelsOrATime_bothAreEmpty_andAnOffsetTimeIsRead() throws Exception {
    assertThat(read("{\"config\":{\"Labels\":null}}")).isEqualTo(ImageMeta.NONE);
    assertThat(read("{\"created\":\"2026-05-01T12:00:00+02:00\"}").created())
        .isEqualTo(Optional.of(Instant.parse("2026-05-01T10:00:00Z")));
    assertThat(read("{\"created\":\"yesterday\"}").created()).isEmpty();
  }

  @Test
  void somethingOtherThanAJsonObject_isAFailure() {
    assertThatThrownBy(() -> read("[1]")).isInstanceOf(OperationFailedException.class);
    assertThatThrownBy(() -> read("not json")).isInstanceOf(OperationFailedException.class);
  }
}

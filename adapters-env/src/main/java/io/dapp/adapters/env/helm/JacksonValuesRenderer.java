package io.dapp.adapters.env.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dapp.domain.deploy.ValuesRenderer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;

/**
 * Helm values as YAML (every string quoted, so that a tag such as {@code 1.10} stays a string) or as
 * indented JSON.
 */
public final class JacksonValuesRenderer implements ValuesRenderer {

  private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build());
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Inject
  public JacksonValuesRenderer() {
  }

  @Override
  public String render(Map<String, Object> values, Syntax syntax) {
    Objects.requireNonNull(values, "'values' must not be null");
    Objects.requireNonNull(syntax, "'syntax' must not be null");
    try {
      String text = (syntax == Syntax.JSON ? json : yaml).writeValueAsString(values);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and booleans are always serialisable", e);
    }
  }
}

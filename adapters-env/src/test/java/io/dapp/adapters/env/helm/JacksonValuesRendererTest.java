package io.dapp.adapters.env.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.deploy.ValuesRenderer.Syntax;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonValuesRendererTest {

  private final JacksonValuesRenderer renderer = new JacksonValuesRenderer();

  private static Map<String, Object> values() {
    Map<String, Object> dapp = new LinkedHashMap<>();
    dapp.put("docker_tag", "1.10");
    dapp.put("is_nameless_dimg", false);
    dapp.put("docker_image", "registry.example.com/web:1.10");
    return Map.of("global", Map.of("dapp", dapp));
  }

  @Test
  void yaml_quotesEveryString_soThatNumericLookingTagsStayStrings() {
    assertThat(renderer.render(values(), Syntax.YAML)).isEqualTo("""
        global:
          dapp:
            docker_tag: "1.10"
            is_nameless_dimg: false
            docker_image: "registry.example.com/web:1.10"
        """);
  }

  @Test
  void json_isIndented_andEndsWithALineBreak() {
    assertThat(renderer.render(values(), Syntax.JSON)).isEqualToIgnoringWhitespace("""
        {"global":{"dapp":{"docker_tag":"1.10","is_nameless_dimg":false,
        "docker_image":"registry.example.com/web:1.10"}}}""").contains("\n  ").endsWith("}\n");
  }
}

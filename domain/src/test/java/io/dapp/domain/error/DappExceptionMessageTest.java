package io.dapp.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message dapp creates is one line, whatever text from outside it quotes: an embedder's logs too. */
class DappExceptionMessageTest {

  @ParameterizedTest
  @ValueSource(strings = {"\u0080", "\u0085", "\u001b", "\u009b", "\n", "\r", "\u0000", "\u007f", "\u2028", "\u2029",
      "\u202e", "\u2066"})
  void aLineBreakingCharacter_inAnyMessage_arrivesEscaped(String character) {
    String quoted = "parser said '$" + character + "'";
    String escaped = String.format("\\u%04x", (int) character.charAt(0));

    for (DappException exception : new DappException[] {
        new InvalidInputException(quoted), new OperationFailedException(quoted, new RuntimeException()),
        new NotAvailableYetException(quoted)}) {
      assertThat(exception.getMessage()).doesNotContain(character);
      assertThat(exception.getMessage().chars().noneMatch(UserText::breaksTheLine)).isTrue();
      assertThat(exception.getMessage()).containsAnyOf(escaped, "\\n", "\\r");
    }
  }

  @Test
  void aRegistrysErrorText_keepsWordsApart_andEscapesTheRest() {
    RegistryResponseException exception = new RegistryResponseException(RegistryAction.PULL_MANIFEST,
        new RegistryHost("r.io"), new Repository(new RegistryHost("r.io"), "group/app"), ":1", 500,
        "<html>\r\n  <body>down\tfor\u0085maintenance\u001b[2J</body>\n</html>");

    assertThat(exception.getMessage()).isEqualTo(
        "pull manifest r.io/group/app:1: <html> <body>down for\\u0085maintenance\\u001b[2J</body> </html>");
  }

  @Test
  void escapingTwice_changesNothing() {
    String once = new OperationFailedException("a\u0085b\nc").getMessage();

    assertThat(new OperationFailedException(once).getMessage()).isEqualTo(once).isEqualTo("a\\u0085b\\nc");
  }
}

package io.dapp.adapters.env.dappfile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Go-template action the original dapp's dappfiles are rendered with that dapp supports:
 * {@code {{ env "NAME" }}}, the value of an environment variable (sprig's {@code env}), so that a value such as
 * the base image can come from the pipeline ({@code from: {{ env "DAPP_BASE_IMAGE" }}}). Rendered before the
 * YAML is read, line by line, so lines keep their numbers. Any other action is refused at its line, and so is
 * an unset or empty variable: a template would render it as nothing, which would surface as a puzzling error
 * about the empty value instead of the variable.
 */
final class DappfileTemplate {

  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern ENV = Pattern.compile("\\s*env\\s+\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*");

  private DappfileTemplate() {}

  /** The text with every {@code {{ env "NAME" }}} replaced by the variable's value. */
  static String render(String text, Map<String, String> environment) throws DappfileSyntaxException {
    if (!text.contains("{{")) {
      return text;
    }
    StringBuilder rendered = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int index = 0; index < lines.length; index++) {
      int line = index + 1;
      String current = lines[index];
      Matcher action = ACTION.matcher(current);
      int copied = 0;
      while (action.find()) {
        Matcher env = ENV.matcher(action.group(1));
        if (!env.matches()) {
          throw new DappfileSyntaxException(line, "template action '" + action.group() + "' is not supported: "
              + "the only one is {{ env \"NAME\" }}");
        }
        String name = env.group(1);
        String value = environment.getOrDefault(name, "");
        if (value.isEmpty()) {
          throw new DappfileSyntaxException(line, "{{ env \"" + name + "\" }}: the environment variable " + name
              + " is not set");
        }
        if (value.contains("\n") || value.contains("\r")) {
          throw new DappfileSyntaxException(line, "{{ env \"" + name + "\" }}: the value of " + name
              + " has a line break");
        }
        rendered.append(current, copied, action.start()).append(value);
        copied = action.end();
      }
      String rest = current.substring(copied);
      if (rest.contains("{{")) {
        throw new DappfileSyntaxException(line, "a template action '{{' without its '}}' on the same line");
      }
      rendered.append(rest);
      if (index < lines.length - 1) {
        rendered.append('\n');
      }
    }
    return rendered.toString();
  }
}

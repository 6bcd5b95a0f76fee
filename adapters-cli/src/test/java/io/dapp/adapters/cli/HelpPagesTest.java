package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.cli.command.CommandTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Every help page, found by following the "Commands:" lists from {@code dapp --help} down. */
class HelpPagesTest {

  private static final Pattern SUBCOMMAND = Pattern.compile("^  ([a-z][a-z-]*)\\s{2,}\\S");
  private static final int TERMINAL_WIDTH = 80;

  /**
   * picocli wraps a footer or header line that is too long at column 80 without indenting the rest, which
   * breaks the lists and examples those lines lay out; so each must fit as written. (Descriptions are
   * paragraphs: wrapping them is fine.)
   */
  @Test
  void everyWrittenHelpLine_fitsAnEightyColumnTerminal() {
    List<Class<?>> commands = CommandTree.commandClasses();

    assertThat(commands).hasSizeGreaterThan(15);
    for (Class<?> command : commands) {
      Command annotation = command.getAnnotation(Command.class);
      List<String> written = new ArrayList<>(List.of(annotation.footer()));
      written.addAll(List.of(annotation.header()));
      assertThat(written).as(command.getSimpleName())
          .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(TERMINAL_WIDTH));
    }
  }

  @Test
  void helpPages_areReachableFromTheRootAndShowNoWrappedFooter() {
    Map<String, String> pages = helpPages();

    assertThat(pages.keySet()).hasSize(CommandTree.commandClasses().size());
    pages.forEach((command, page) -> assertThat(page.lines()).as("help of '%s'", command)
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(TERMINAL_WIDTH)));
  }

  @Test
  void everyCommandThatDoesWork_namesItsLoginCategory() {
    Map<String, String> pages = helpPages();

    List<String> leaves = pages.entrySet().stream()
        .filter(page -> !page.getValue().contains("Commands:"))
        .map(Map.Entry::getKey)
        .toList();
    assertThat(leaves).contains("dapp dimg push", "dapp dimg cleanup repo", "dapp kube deploy");
    leaves.stream()
        .filter(command -> !command.startsWith("dapp registry login-plan"))
        .forEach(command -> assertThat(pages.get(command)).as(command).containsPattern("Categor(y|ies): [a-z]+"));
  }

  private static Map<String, String> helpPages() {
    Map<String, String> pages = new LinkedHashMap<>();
    collect(new ArrayList<>(), pages);
    return pages;
  }

  private static void collect(List<String> path, Map<String, String> pages) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    CommandLineHarness dapp = new CommandLineHarness();
    assertThat(dapp.run(args.toArray(String[]::new))).as(String.join(" ", args)).isZero();
    pages.put(String.join(" ", prefixed(path)), dapp.out);
    boolean inCommands = false;
    for (String line : dapp.out.lines().toList()) {
      if (line.equals("Commands:")) {
        inCommands = true;
        continue;
      }
      Matcher matcher = SUBCOMMAND.matcher(line);
      if (inCommands && matcher.find()) {
        List<String> child = new ArrayList<>(path);
        child.add(matcher.group(1));
        collect(child, pages);
      } else if (inCommands && !line.startsWith("    ")) {
        inCommands = false;
      }
    }
  }

  private static List<String> prefixed(List<String> path) {
    List<String> full = new ArrayList<>();
    full.add("dapp");
    full.addAll(path);
    return full;
  }
}

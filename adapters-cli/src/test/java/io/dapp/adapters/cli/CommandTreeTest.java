package io.dapp.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.cli.command.CommandTree;
import io.dapp.adapters.cli.command.DappRootCommand;
import io.dapp.adapters.cli.command.DimgGroup;
import io.dapp.adapters.cli.command.DimgPushCommand;
import io.dapp.adapters.cli.command.DimgStagesGroup;
import io.dapp.adapters.cli.command.LoginPlanCommand;
import io.dapp.adapters.cli.command.RegistryGroup;
import io.dapp.adapters.cli.command.StagesPullCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command line that names a leaf runs in a tree of only the commands it names; everything whose output
 * depends on the other commands (help, suggestions, groups alone, usage errors) still comes from the whole
 * tree, so dapp prints what it printed when it always built the whole tree.
 */
class CommandTreeTest {

  private static final String REPO = "127.0.0.1:5000/web/backend";

  @Test
  void everyLeaf_isBuiltInItsNarrowTreeExactlyAsInTheWholeTree() {
    List<CommandLine> leaves = leaves(CommandTree.whole(new CommandLineHarness().factory()));

    assertThat(leaves).hasSizeGreaterThan(15);
    for (CommandLine whole : leaves) {
      String[] path = pathOf(whole.getCommandSpec());
      CommandLine narrowRoot = CommandTree.pathTo(new CommandLineHarness().factory(), path).orElseThrow();
      List<CommandLine> narrowLeaves = leaves(narrowRoot);

      assertThat(narrowLeaves).as(String.join(" ", path)).hasSize(1);
      CommandSpec narrow = narrowLeaves.get(0).getCommandSpec();
      assertThat(describe(narrow)).as(String.join(" ", path)).isEqualTo(describe(whole.getCommandSpec()));
      assertThat(narrowLeaves.get(0).getUsageMessage()).isEqualTo(whole.getUsageMessage());
    }
  }

  @Test
  void wholeTree_holdsEveryDeclaredCommandOnce() {
    List<Class<?>> built = new ArrayList<>();
    collectClasses(CommandTree.whole(new CommandLineHarness().factory()), built);

    assertThat(built).containsExactlyElementsOf(CommandTree.commandClasses()).doesNotHaveDuplicates();
  }

  @Test
  void leafCommand_buildsOnlyTheCommandsOnItsPath() {
    CommandLineHarness dapp = new CommandLineHarness();

    assertThat(dapp.run("dimg", "push", REPO, "--tag", "v1")).isZero();

    assertThat(commandsBuilt(dapp)).containsExactly(DappRootCommand.class, DimgGroup.class, DimgPushCommand.class);
    assertThat(dapp.invocations).hasSize(1);
  }

  @Test
  void nestedLeaf_buildsEachGroupOnItsPath() {
    CommandLineHarness dapp = new CommandLineHarness();

    assertThat(dapp.run("dimg", "stages", "pull", REPO, "--all")).isZero();

    assertThat(commandsBuilt(dapp))
        .containsExactly(DappRootCommand.class, DimgGroup.class, DimgStagesGroup.class, StagesPullCommand.class);
  }

  @Test
  void loginPlan_readsTheExplainedCommandLineInANarrowTreeToo() {
    CommandLineHarness dapp = new CommandLineHarness();

    assertThat(dapp.run("registry", "login-plan", "dimg", "push", REPO, "--registry-username", "me",
        "--registry-password-stdin")).isZero();

    assertThat(commandsBuilt(dapp)).containsExactly(DappRootCommand.class, RegistryGroup.class,
        LoginPlanCommand.class, DappRootCommand.class, DimgGroup.class, DimgPushCommand.class);
  }

  /** Lines whose output is the whole tree's: help, groups alone, unknown names, usage errors. */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "--help",
      "-h",
      "help",
      "dimg",
      "dimg --help",
      "dimg help",
      "dimg stages",
      "dimg stages --help",
      "dimg stages cleanup",
      "dimg stages cleanup repo --help",
      "dimg push --help",
      "dimg push -h " + REPO,
      "dimg push " + REPO + " -V",
      "dimg push help",
      "kube",
      "registry",
      "registry --help",
      "registry login-plan --help",
      "registry login-plan",
      "dimg psh " + REPO,
      "dimgs push " + REPO,
      "dimg stages pul " + REPO,
      "dimg push",
      "dimg push --registry-pasword=hunter2 " + REPO,
      "dimg push --registry-pasword hunter2 " + REPO,
      "--dir /tmp dimg push " + REPO,
      "dimg --dir /tmp push " + REPO,
      "registry -h login-plan",
      "kube values " + REPO + " --tag-custom stages",
      // login-plan runs, and the command line it explains is read in the whole tree
      "registry login-plan --jsn dimg push " + REPO,
      "registry login-plan dimg psh " + REPO,
      "registry login-plan dimg push --registry-pasword=hunter2 " + REPO})
  void helpTyposAndUsageErrors_printExactlyWhatTheWholeTreePrints(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    CommandLineHarness whole = new CommandLineHarness().wholeTree();
    CommandLineHarness dapp = new CommandLineHarness();

    int expectedExit = whole.run(args);
    int exit = dapp.run(args);

    assertThat(exit).isEqualTo(expectedExit);
    assertThat(dapp.out).isEqualTo(whole.out);
    assertThat(dapp.err).isEqualTo(whole.err).doesNotContain("hunter2");
    // The whole tree answered: every command was built.
    assertThat(commandsBuilt(dapp)).containsAll(CommandTree.commandClasses());
  }

  /** Lines that run in a narrow tree, successful or failing at run time: the same outcome as the whole tree's. */
  @ParameterizedTest
  @ValueSource(strings = {
      "dimg push backend " + REPO + " --tag v1 --jobs 3",
      "dimg stages cleanup local --dry-run",
      "kube values " + REPO + " --tag stages",
      "dimg push " + REPO + " --jobs zero",
      "dimg push " + REPO + " --registry-username me",
      "dimg push " + REPO + " --registry-password secret-never-echoed --registry-password-stdin",
      "registry login-plan --json dimg cleanup repo " + REPO,
      "registry login-plan registry login-plan dimg push " + REPO})
  void narrowTree_runsLikeTheWholeTree(String line) {
    String[] args = line.split(" ");
    CommandLineHarness whole = new CommandLineHarness().wholeTree();
    CommandLineHarness dapp = new CommandLineHarness();

    int expectedExit = whole.run(args);
    int exit = dapp.run(args);

    assertThat(exit).isEqualTo(expectedExit);
    assertThat(dapp.out).isEqualTo(whole.out);
    assertThat(dapp.err).isEqualTo(whole.err).doesNotContain("hunter2").doesNotContain("secret-never-echoed");
    assertThat(dapp.invocations).isEqualTo(whole.invocations);
    assertThat(commandsBuilt(dapp)).hasSizeLessThan(CommandTree.commandClasses().size());
  }

  private static List<Class<?>> commandsBuilt(CommandLineHarness dapp) {
    return dapp.built.stream().filter(type -> type.isAnnotationPresent(Command.class)).toList();
  }

  private static List<CommandLine> leaves(CommandLine commandLine) {
    if (commandLine.getSubcommands().isEmpty()) {
      return List.of(commandLine);
    }
    List<CommandLine> leaves = new ArrayList<>();
    commandLine.getSubcommands().values().forEach(sub -> leaves.addAll(leaves(sub)));
    return leaves;
  }

  private static void collectClasses(CommandLine commandLine, List<Class<?>> into) {
    into.add(commandLine.getCommandSpec().userObject().getClass());
    commandLine.getSubcommands().values().forEach(sub -> collectClasses(sub, into));
  }

  private static String[] pathOf(CommandSpec leaf) {
    List<String> path = new ArrayList<>();
    for (CommandSpec spec = leaf; spec.parent() != null; spec = spec.parent()) {
      path.add(0, spec.name());
    }
    return path.toArray(String[]::new);
  }

  /** What picocli reads a leaf's arguments by: its names, options, positionals and parser settings. */
  private static List<String> describe(CommandSpec spec) {
    List<String> described = new ArrayList<>();
    described.add("command " + spec.qualifiedName() + " " + spec.userObject().getClass().getName()
        + " aliases=" + List.of(spec.aliases()) + " mixins=" + spec.mixins().keySet()
        + " unmatchedAsPositional=" + spec.parser().unmatchedOptionsArePositionalParams()
        + " abbreviations=" + spec.parser().abbreviatedOptionsAllowed()
        + " clustered=" + spec.parser().posixClusteredShortOptionsAllowed()
        + " subcommands=" + spec.subcommands().keySet());
    for (OptionSpec option : spec.options()) {
      described.add("option " + List.of(option.names()) + " " + arg(option) + " negatable=" + option.negatable()
          + " help=" + option.usageHelp() + option.versionHelp());
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      described.add("positional " + positional.index() + " " + arg(positional));
    }
    return described;
  }

  private static String arg(ArgSpec arg) {
    return "label=" + arg.paramLabel() + " arity=" + arg.arity() + " type=" + arg.type().getName()
        + " aux=" + List.of(arg.auxiliaryTypes()) + " default=" + arg.defaultValue() + " required=" + arg.required()
        + " split=" + arg.splitRegex() + " hidden=" + arg.hidden() + " scope=" + arg.scopeType()
        + " description=" + List.of(arg.description()) + " initial=" + Optional.ofNullable(arg.initialValue());
  }
}

package io.dapp.adapters.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * dapp's commands and their subcommands, declared once here (names stay in each command's
 * {@code @Command}). It builds the whole picocli tree, or only the commands one command line names: building
 * a command (reflection over its options, its annotations, its instance) is most of a command's start-up,
 * and a command line runs one leaf.
 *
 * <p>A narrow tree is only a guess about how picocli would read the arguments: it is used only when picocli
 * parses them in that tree without an error and without a help request. Otherwise — a group alone, an
 * unknown or mistyped name, an option before the leaf, any usage error, {@code --help} — the whole tree
 * reads them, so suggestions, help pages and error messages are the ones the whole tree gives.
 */
public final class CommandTree {

  /** Words after which picocli's answer depends on the commands around the leaf: always the whole tree. */
  private static final Set<String> WHOLE_TREE_WORDS = Set.of("help", "-h", "--help", "-V", "--version");

  private static final Node ROOT = group(DappRootCommand.class,
      group(DimgGroup.class,
          leaf(DimgBuildCommand.class),
          leaf(DimgPushCommand.class),
          leaf(DimgSpushCommand.class),
          leaf(DimgBpCommand.class),
          group(DimgStagesGroup.class,
              leaf(StagesPushCommand.class),
              leaf(StagesPullCommand.class),
              group(StagesCleanupGroup.class, leaf(StagesCleanupRepoCommand.class), leaf(StagesCleanupLocalCommand.class)),
              group(StagesFlushGroup.class, leaf(StagesFlushRepoCommand.class), leaf(StagesFlushLocalCommand.class))),
          group(DimgCleanupGroup.class, leaf(DimgCleanupRepoCommand.class)),
          group(DimgFlushGroup.class, leaf(DimgFlushRepoCommand.class), leaf(DimgFlushLocalCommand.class))),
      group(KubeGroup.class, leaf(KubeDeployCommand.class), leaf(KubeValuesCommand.class)),
      group(RegistryGroup.class,
          // login-plan takes another command line as its arguments, options included.
          new Node(LoginPlanCommand.class, List.of(), true)));

  private CommandTree() {}

  /** Every command, each built by {@code factory}. */
  public static CommandLine whole(IFactory factory) {
    return build(ROOT, node -> true, factory);
  }

  /*
   * No lambda here takes or returns a picocli type: dumping the class-data-sharing archive (app/cds) links
   * the types in the lambdas it archives, and it drops picocli's CommandLine, an old (Java 5) class file, once
   * linked. Then every run read CommandLine and the classes that need it from the jar.
   */

  /**
   * The root, the groups {@code args} name and the leaf they end at, when picocli reads {@code args} in that
   * narrow tree as a leaf's command line, without an error or a help request; otherwise empty, and the
   * whole tree is the one to use. Parsing has no effects beyond the commands' fields: the caller can run
   * the tree it gets with the same arguments.
   */
  public static Optional<CommandLine> narrow(IFactory factory, String... args) {
    Optional<CommandLine> narrow = pathTo(factory, args);
    if (narrow.isEmpty()) {
      return narrow;
    }
    try {
      ParseResult parsed = narrow.get().parseArgs(args);
      return helpRequested(parsed) ? Optional.empty() : narrow;
    } catch (ParameterException doubt) {
      return Optional.empty();
    }
  }

  /**
   * The root, the groups {@code args} start with and the leaf they lead to, when they name one without
   * doubt; the leaf's own arguments are not read.
   */
  public static Optional<CommandLine> pathTo(IFactory factory, String... args) {
    Optional<List<Node>> path = leafPath(args);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    List<Node> named = path.get();
    return Optional.of(build(ROOT, node -> named.stream().anyMatch(onPath -> onPath == node), factory));
  }

  /** {@code args} parsed as dapp parses them: in the narrow tree when it reads them, else in the whole one. */
  public static ParseResult parse(IFactory factory, String... args) {
    Optional<CommandLine> narrow = narrow(factory, args);
    return narrow.isPresent() ? narrow.get().getParseResult() : whole(factory).parseArgs(args);
  }

  /** The commands {@code args} name, root excluded, when they lead to a leaf without any doubt. */
  private static Optional<List<Node>> leafPath(String[] args) {
    for (String arg : args) {
      // '@file' arguments are expanded by picocli into words this method does not see.
      if (WHOLE_TREE_WORDS.contains(arg) || arg.startsWith("@")) {
        return Optional.empty();
      }
    }
    List<Node> path = new ArrayList<>();
    Node node = ROOT;
    int index = 0;
    while (!node.children().isEmpty()) {
      if (index == args.length) {
        return Optional.empty();
      }
      Optional<Node> child = node.child(args[index]);
      if (child.isEmpty()) {
        return Optional.empty();
      }
      node = child.get();
      path.add(node);
      index++;
    }
    return Optional.of(path);
  }

  private static boolean helpRequested(ParseResult parsed) {
    for (ParseResult command = parsed; command != null; command = command.subcommand()) {
      if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** {@code node} with those of its descendants that are {@code included}. */
  private static CommandLine build(Node node, Predicate<Node> included, IFactory factory) {
    CommandLine commandLine = new CommandLine(node.command(), factory);
    commandLine.setUnmatchedOptionsArePositionalParams(node.unmatchedOptionsAreArguments());
    for (Node child : node.children()) {
      if (included.test(child)) {
        commandLine.addSubcommand(build(child, included, factory));
      }
    }
    return commandLine;
  }

  /** Every command class, root first, in the order of the help pages. */
  public static List<Class<?>> commandClasses() {
    List<Class<?>> all = new ArrayList<>();
    ROOT.collect(all);
    return all;
  }

  private static Node group(Class<? extends CommandGroup> command, Node... children) {
    return new Node(command, List.of(children), false);
  }

  private static Node leaf(Class<?> command) {
    return new Node(command, List.of(), false);
  }

  /**
   * One command: its class, its subcommands in help order, and whether it takes unknown options as
   * arguments (picocli's unmatchedOptionsArePositionalParams).
   */
  private record Node(Class<?> command, List<Node> children, boolean unmatchedOptionsAreArguments) {

    Node {
      Objects.requireNonNull(command, "'command' must not be null");
      children = List.copyOf(children);
    }

    /** The subcommand picocli would take {@code word} for: exact names, as the tree allows no abbreviations. */
    Optional<Node> child(String word) {
      for (Node child : children) {
        if (child.command().getAnnotation(Command.class).name().equals(word)) {
          return Optional.of(child);
        }
      }
      return Optional.empty();
    }

    void collect(List<Class<?>> into) {
      into.add(command);
      for (Node child : children) {
        child.collect(into);
      }
    }
  }
}

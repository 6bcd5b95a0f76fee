package io.dapp.adapters.env.dappfile;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads the documents of a YAML stream into {@link YamlNode}s, keeping each value's line.
 *
 * <p>Built from SnakeYAML's events rather than Jackson's token stream, because Jackson reads an alias
 * ({@code *base}) as the text {@code "base"} and forgets a scalar's anchor: {@code from: *nosuch} was a base
 * image named {@code nosuch}. Here an alias is the node its anchor names, an undefined one is an error at
 * its line, and a document whose aliases would expand past {@link #MAX_VALUES} values ("billion laughs") is
 * refused while it is read: nodes are shared, never copied, so reading it costs no more than its text.
 * Plain scalars are typed by the YAML 1.2 core schema, as Jackson typed them.
 */
final class YamlTree {

  /** Far beyond any dappfile (a large one has a few thousand values); an alias bomb passes it at once. */
  static final long MAX_VALUES = 100_000;

  /** A dappfile nests four or five levels; the bound keeps a hostile one from overflowing the stack. */
  static final int MAX_DEPTH = 100;

  private static final String MERGE_KEY = "<<";
  private static final String TAG_STR = "tag:yaml.org,2002:str";
  private static final String TAG_NULL = "tag:yaml.org,2002:null";
  private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern NUMBER = Pattern.compile(
      "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
          + "|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");

  private final Iterator<Event> events;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private long values;

  private record Anchored(YamlNode node, long weight) {}

  private YamlTree(Iterator<Event> events) {
    this.events = events;
  }

  /**
   * Every document, in order; an empty document (as between two {@code ---}) is a {@link YamlNode.Null}.
   *
   * @throws DappfileSyntaxException for an undefined alias, a duplicate key, too many values or levels
   * @throws YAMLException when the text is not YAML (SnakeYAML's exceptions carry the line and column)
   */
  static List<YamlNode> documents(Reader reader) throws DappfileSyntaxException {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(false);
    YamlTree tree = new YamlTree(new Yaml(options).parse(reader).iterator());
    List<YamlNode> documents = new ArrayList<>();
    while (tree.events.hasNext()) {
      Event event = tree.events.next();
      if (event.is(Event.ID.DocumentStart)) {
        documents.add(tree.document());
      }
    }
    return documents;
  }

  /** A document's node; anchors and the value count are the document's own, as in YAML. */
  private YamlNode document() throws DappfileSyntaxException {
    anchors.clear();
    values = 0;
    Event first = events.next();
    YamlNode root = first.is(Event.ID.DocumentEnd) ? new YamlNode.Null(line(first)) : node(first, 0).node();
    while (events.hasNext() && !events.next().is(Event.ID.DocumentEnd)) {
      // SnakeYAML ends a document with DocumentEnd: nothing else can follow its root node.
    }
    return root;
  }

  private Anchored node(Event event, int depth) throws DappfileSyntaxException {
    if (depth > MAX_DEPTH) {
      throw new DappfileSyntaxException(line(event), "values are nested more than " + MAX_DEPTH + " levels deep");
    }
    if (event instanceof AliasEvent alias) {
      return aliased(alias);
    }
    String anchor = event instanceof NodeEvent node ? node.getAnchor() : null;
    if (anchor != null) {
      open.add(anchor);
    }
    Anchored read;
    if (event instanceof ScalarEvent scalar) {
      read = new Anchored(scalar(scalar), 1);
    } else if (event instanceof SequenceStartEvent) {
      read = sequence(event, depth);
    } else if (event instanceof MappingStartEvent) {
      read = mapping(event, depth);
    } else {
      throw new DappfileSyntaxException(line(event), "unexpected YAML " + event.getEventId());
    }
    count(event, 1); // the values inside were counted as they were read
    if (anchor != null) {
      open.remove(anchor);
      anchors.put(anchor, read);
    }
    return read;
  }

  private Anchored aliased(AliasEvent alias) throws DappfileSyntaxException {
    String name = alias.getAnchor();
    Anchored target = anchors.get(name);
    if (target == null) {
      throw new DappfileSyntaxException(line(alias), open.contains(name)
          ? "alias '*" + name + "' is used inside the value it names"
          : "alias '*" + name + "' is not defined (define it first with '&" + name + "')");
    }
    count(alias, target.weight());
    // The value where the alias stands, so that a message about it names this line.
    return new Anchored(at(target.node(), line(alias)), target.weight());
  }

  private void count(Event event, long weight) throws DappfileSyntaxException {
    values += weight;
    if (values > MAX_VALUES) {
      throw new DappfileSyntaxException(line(event), "the document expands to more than " + MAX_VALUES
          + " values (aliases that repeat aliases)");
    }
  }

  private static YamlNode scalar(ScalarEvent scalar) {
    int line = line(scalar);
    String text = scalar.getValue();
    String tag = scalar.getTag();
    if (TAG_STR.equals(tag) || "!!str".equals(tag) || scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      return new YamlNode.Scalar(text, true, line);
    }
    if (TAG_NULL.equals(tag) || "!!null".equals(tag) || NULL.matcher(text).matches()) {
      return new YamlNode.Null(line);
    }
    boolean typed = BOOL.matcher(text).matches() || NUMBER.matcher(text).matches();
    return new YamlNode.Scalar(text, !typed, line);
  }

  private Anchored sequence(Event start, int depth) throws DappfileSyntaxException {
    List<YamlNode> items = new ArrayList<>();
    long weight = 1;
    for (Event event = events.next(); !event.is(Event.ID.SequenceEnd); event = events.next()) {
      Anchored item = node(event, depth + 1);
      items.add(item.node());
      weight += item.weight();
    }
    return new Anchored(new YamlNode.Sequence(items, line(start)), weight);
  }

  private Anchored mapping(Event start, int depth) throws DappfileSyntaxException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    List<YamlNode.Entry> merged = new ArrayList<>();
    long weight = 1;
    for (Event event = events.next(); !event.is(Event.ID.MappingEnd); event = events.next()) {
      if (!(event instanceof ScalarEvent key)) {
        throw new DappfileSyntaxException(line(event), "a key must be a plain name, not "
            + (event instanceof AliasEvent ? "an alias" : event instanceof CollectionStartEvent ? "a list or mapping"
            : event.getEventId()));
      }
      Anchored value = node(events.next(), depth + 1);
      weight += 1 + value.weight();
      if (key.getValue().equals(MERGE_KEY) && key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
        merged.addAll(mergeable(value.node(), line(key)));
        continue;
      }
      YamlNode.Entry entry = new YamlNode.Entry(key.getValue(), line(key), value.node());
      YamlNode.Entry first = entries.putIfAbsent(entry.key(), entry);
      if (first != null) {
        throw new DappfileSyntaxException(entry.line(), "duplicate key '" + entry.key() + "' (first at line "
            + first.line() + ")");
      }
    }
    // "<<: *defaults": the merged keys count where the mapping does not set them itself.
    for (YamlNode.Entry entry : merged) {
      entries.putIfAbsent(entry.key(), entry);
    }
    return new Anchored(new YamlNode.Mapping(entries, line(start)), weight);
  }

  /** The entries a merge key brings: one mapping's, or a list of mappings' (the earlier one wins). */
  private static List<YamlNode.Entry> mergeable(YamlNode value, int line) throws DappfileSyntaxException {
    if (value instanceof YamlNode.Mapping mapping) {
      return List.copyOf(mapping.entries().values());
    }
    if (value instanceof YamlNode.Sequence sequence) {
      Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
      for (YamlNode item : sequence.items()) {
        if (!(item instanceof YamlNode.Mapping mapping)) {
          throw new DappfileSyntaxException(line, "'<<' merges mappings, and an item is " + YamlNode.kind(item));
        }
        mapping.entries().values().forEach(entry -> entries.putIfAbsent(entry.key(), entry));
      }
      return List.copyOf(entries.values());
    }
    throw new DappfileSyntaxException(line, "'<<' merges a mapping or a list of mappings, not " + YamlNode.kind(value));
  }

  private static YamlNode at(YamlNode node, int line) {
    if (node instanceof YamlNode.Scalar scalar) {
      return new YamlNode.Scalar(scalar.text(), scalar.string(), line);
    }
    if (node instanceof YamlNode.Null) {
      return new YamlNode.Null(line);
    }
    if (node instanceof YamlNode.Sequence sequence) {
      return new YamlNode.Sequence(sequence.items(), line);
    }
    return new YamlNode.Mapping(((YamlNode.Mapping) node).entries(), line);
  }

  private static int line(Event event) {
    return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
  }
}

package io.dapp.domain.deploy;

import java.util.Map;

/** Writes Helm values (nested maps of strings, booleans and maps) as text. */
public interface ValuesRenderer {

  enum Syntax { YAML, JSON }

  /** The values as one document, ending with a line break. */
  String render(Map<String, Object> values, Syntax syntax);
}

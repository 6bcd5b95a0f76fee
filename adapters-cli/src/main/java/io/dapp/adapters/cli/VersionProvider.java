package io.dapp.adapters.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code dapp --version}: the version and the commit the build wrote (version.properties, commit.properties),
 * and the Java runtime running dapp, which the launcher picked (the release archive's own, JAVA_HOME's or PATH's).
 */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties version = read("version.properties");
    Properties commit = read("commit.properties");
    String changed = Boolean.parseBoolean(commit.getProperty("changed")) ? " (with uncommitted changes)" : "";
    return new String[] {
        "dapp " + version.getProperty("version", "unknown"),
        "commit " + commit.getProperty("commit", "unknown") + changed,
        "runtime Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
            + ") at " + System.getProperty("java.home")};
  }

  private static Properties read(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    }
    return properties;
  }
}
